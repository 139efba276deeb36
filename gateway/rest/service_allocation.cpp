#include "gateway/rest/service_allocation.hpp"

#include <random>
#include <set>

#include "gateway/admission/allocation.hpp"
#include "gateway/admission/field_error.hpp"
#include "gateway/watchcache/watch_cache.hpp"
#include "k8s/core/v1/service.pb.h"

namespace kactor::rest {

namespace {

using k8s::core::v1::Service;

}  // namespace

std::optional<api_error> allocate_service_addresses(const rest_call& c,
                                                    google::protobuf::Message& object) {
  auto* svc = dynamic_cast<Service*>(&object);
  if (!svc) return std::nullopt;
  std::set<std::string> used_ips;
  std::set<int> used_ports;
  if (auto snap = c.ctx->cache()->snapshot("", "services")) {
    snap->for_each([&](const informer::object_ptr& obj) {
      auto* other = obj->as<Service>();
      if (!other) return;
      for (auto& ip : other->spec().clusterips())
        used_ips.insert(ip);
      used_ips.insert(other->spec().clusterip());
      for (auto& p : other->spec().ports())
        if (p.nodeport() != 0) used_ports.insert(p.nodeport());
    });
  }
  auto errors = admission::allocate_service_addresses(
      *svc, used_ips, used_ports, c.ctx->options().service_cidr, std::random_device{}());
  if (errors.empty()) return std::nullopt;
  std::vector<status_cause> causes;
  bool internal_error = false;
  for (auto& e : errors) {
    causes.push_back({e.type, e.message, e.field});
    internal_error = internal_error || e.type == "InternalError";
  }
  auto err = invalid(c.scope.qualified(), "Service", svc->metadata().name(),
                     admission::invalid_message("Service", svc->metadata().name(), errors),
                     std::move(causes));
  if (internal_error) err.code = 500;
  return err;
}

}  // namespace kactor::rest
