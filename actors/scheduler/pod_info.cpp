#include "actors/scheduler/pod_info.hpp"

namespace kactor::scheduler {

bool ports_conflict(const host_port& a, const host_port& b) {
  if (a.port != b.port || a.protocol != b.protocol) return false;
  return a.ip == b.ip || a.ip == "0.0.0.0" || b.ip == "0.0.0.0";
}

std::string pod_key(std::string_view namespace_name, std::string_view name) {
  std::string key;
  key.reserve(namespace_name.size() + 1 + name.size());
  key.append(namespace_name).append("/").append(name);
  return key;
}

std::shared_ptr<const pod_info> make_pod_info(k8s::core::v1::Pod pod) {
  return make_pod_info(std::make_shared<const k8s::core::v1::Pod>(std::move(pod)));
}

std::shared_ptr<const pod_info> make_pod_info(std::shared_ptr<const k8s::core::v1::Pod> pod) {
  auto info = std::make_shared<pod_info>();
  const auto& spec = pod->spec();
  info->key = pod_key(pod->metadata().namespace_(), pod->metadata().name());
  info->requests = compute_pod_requests(spec);
  for (const auto& c : spec.containers()) {
    for (const auto& p : c.ports()) {
      if (p.hostport() <= 0) continue;
      info->host_ports.push_back({p.hostip().empty() ? "0.0.0.0" : p.hostip(),
                                  p.protocol().empty() ? "TCP" : p.protocol(), p.hostport()});
    }
  }
  info->priority = spec.has_priority() ? spec.priority() : 0;
  const auto& affinity = spec.affinity();
  info->has_required_affinity =
      affinity.podaffinity().requiredduringschedulingignoredduringexecution_size() > 0;
  info->has_required_anti_affinity =
      affinity.podantiaffinity().requiredduringschedulingignoredduringexecution_size() > 0;
  info->has_preferred_pod_affinity =
      affinity.podaffinity().preferredduringschedulingignoredduringexecution_size() > 0 ||
      affinity.podantiaffinity().preferredduringschedulingignoredduringexecution_size() > 0;
  info->pod = std::move(pod);
  return info;
}

}  // namespace kactor::scheduler
