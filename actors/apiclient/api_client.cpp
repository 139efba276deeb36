#include "actors/apiclient/api_client.hpp"

#include <caf/send.hpp>

#include "actors/apiclient/api_reply_decode.hpp"
#include "actors/bus/async_request.hpp"
#include "actors/bus/error.hpp"
#include "actors/bus/subjects.hpp"
#include "k8s/core/v1/pod.pb.h"
#include "k8s/meta/v1/request_options.pb.h"
#include "k8s/policy/v1/disruption.pb.h"
#include "messages/envelope.hpp"
#include "messages/registry.hpp"

namespace kactor::apiclient {

namespace {

constexpr std::string_view protobuf_type = "application/vnd.kubernetes.protobuf";
constexpr std::string_view accept_types = "application/vnd.kubernetes.protobuf, application/json";

const google::protobuf::Message* metadata_of(const google::protobuf::Message& object) {
  const auto* field = object.GetDescriptor()->FindFieldByName("metadata");
  if (!field || field->type() != google::protobuf::FieldDescriptor::TYPE_MESSAGE) return nullptr;
  return &object.GetReflection()->GetMessage(object, field);
}

std::string meta_string(const google::protobuf::Message& meta, const char* name) {
  const auto* field = meta.GetDescriptor()->FindFieldByName(name);
  return field ? meta.GetReflection()->GetString(meta, field) : std::string();
}

// Appends `key=value` to a query string (values here are plain words: no escaping needed
// beyond what field managers and policies contain, which is none).
void add_query(std::string& query, std::string_view key, std::string_view value) {
  if (!query.empty()) query += '&';
  query.append(key).append("=").append(value);
}

std::string write_query(const call_options& o, bool force = false) {
  std::string query;
  if (!o.field_manager.empty()) add_query(query, "fieldManager", o.field_manager);
  if (o.dry_run) add_query(query, "dryRun", "All");
  if (force) add_query(query, "force", "true");
  return query;
}

bus::v1::ApiRequest with_body(std::string method, std::string path, std::string query,
                              const google::protobuf::Message& body) {
  bus::v1::ApiRequest req;
  req.set_method(std::move(method));
  req.set_path(std::move(path));
  req.set_query(std::move(query));
  auto bytes = messages::encode_envelope(body, messages::registry::generated());
  if (bytes) {
    req.set_content_type(std::string(protobuf_type));
    req.set_body(std::move(*bytes));
  }
  return req;
}

// An immediate failure for a call that could not even be formed.
void fail(const api_client::callback& done, int status, std::string reason, std::string message) {
  api_reply r;
  r.status = status;
  r.reason = std::move(reason);
  r.message = std::move(message);
  done(std::move(r));
}

}  // namespace

std::string api_reply::describe() const {
  if (ok()) return std::to_string(status);
  return std::to_string(status) + " " + reason + ": " + message;
}

std::optional<object_path> path_of(const google::protobuf::Message& object) {
  const auto& types = messages::registry::generated();
  auto meta = types.type_meta_of(object.GetDescriptor());
  if (!meta) return std::nullopt;
  const auto* info = types.find_resource_for_kind(meta->api_version, meta->kind);
  if (!info) return std::nullopt;
  object_path p{info->group, info->plural, "", "", "", info->version};
  if (const auto* m = metadata_of(object)) {
    if (info->namespaced) p.ns = meta_string(*m, "namespace");
    p.name = meta_string(*m, "name");
  }
  return p;
}

std::string url_path(const object_path& p) {
  std::string version = p.version;
  if (version.empty()) {
    for (const auto& r : messages::registry::generated().resources())
      if (r.group == p.group && r.plural == p.resource) {
        version = r.version;  // resources() lists newer versions first
        break;
      }
    if (version.empty()) version = "v1";
  }
  std::string out = p.group.empty() ? "/api/" + version : "/apis/" + p.group + "/" + version;
  if (!p.ns.empty()) out += "/namespaces/" + p.ns;
  out += "/" + p.resource;
  if (!p.name.empty()) out += "/" + p.name;
  if (!p.subresource.empty()) out += "/" + p.subresource;
  return out;
}

api_client::api_client(caf::actor_system& sys, std::shared_ptr<bus::connection> rpc,
                       std::string user_agent, std::chrono::milliseconds timeout)
    : sys_(sys), rpc_(std::move(rpc)), user_agent_(std::move(user_agent)), timeout_(timeout) {}

void api_client::call(bus::v1::ApiRequest request, callback done) const {
  if (request.user_agent().empty()) request.set_user_agent(user_agent_);
  if (request.accept().empty()) request.set_accept(std::string(accept_types));
  bus::request_async(sys_, rpc_, bus::subjects::api_call(), request.SerializeAsString(), timeout_,
                     [done = std::move(done)](caf::expected<std::string> raw) {
                       if (!raw) {
                         auto timed_out = raw.error() == bus::errc::timeout;
                         return fail(done, 0, timed_out ? "Timeout" : "ServiceUnavailable",
                                     "api call over the bus: " + bus::describe(raw.error()));
                       }
                       done(decode_reply(*raw));
                     });
}

void api_client::create(const google::protobuf::Message& object, callback done,
                        call_options o) const {
  auto p = path_of(object);
  if (!p) return fail(done, 400, "BadRequest", "no API resource serves this message type");
  p->name.clear();
  call(with_body("POST", url_path(*p), write_query(o), object), std::move(done));
}

void api_client::update(const google::protobuf::Message& object, callback done,
                        call_options o) const {
  auto p = path_of(object);
  if (!p) return fail(done, 400, "BadRequest", "no API resource serves this message type");
  call(with_body("PUT", url_path(*p), write_query(o), object), std::move(done));
}

void api_client::update_status(const google::protobuf::Message& object, callback done,
                               call_options o) const {
  update_subresource(object, "status", std::move(done), std::move(o));
}

void api_client::update_subresource(const google::protobuf::Message& object,
                                    std::string_view subresource, callback done,
                                    call_options o) const {
  auto p = path_of(object);
  if (!p) return fail(done, 400, "BadRequest", "no API resource serves this message type");
  p->subresource = std::string(subresource);
  call(with_body("PUT", url_path(*p), write_query(o), object), std::move(done));
}

void api_client::patch(const object_path& path, std::string_view content_type, std::string body,
                       callback done, call_options o, bool force) const {
  bus::v1::ApiRequest req;
  req.set_method("PATCH");
  req.set_path(url_path(path));
  req.set_query(write_query(o, force));
  req.set_content_type(std::string(content_type));
  req.set_body(std::move(body));
  call(std::move(req), std::move(done));
}

void api_client::get(const object_path& path, callback done) const {
  bus::v1::ApiRequest req;
  req.set_method("GET");
  req.set_path(url_path(path));
  call(std::move(req), std::move(done));
}

void api_client::remove(const object_path& path, const delete_options& d, callback done,
                        call_options o) const {
  k8s::meta::v1::DeleteOptions body;
  if (d.grace_period_seconds) body.set_graceperiodseconds(*d.grace_period_seconds);
  if (!d.propagation_policy.empty()) body.set_propagationpolicy(d.propagation_policy);
  if (!d.precondition_uid.empty()) body.mutable_preconditions()->set_uid(d.precondition_uid);
  if (!d.precondition_resource_version.empty())
    body.mutable_preconditions()->set_resourceversion(d.precondition_resource_version);
  call(with_body("DELETE", url_path(path), write_query(o), body), std::move(done));
}

void api_client::bind(std::string_view ns, std::string_view name, std::string_view uid,
                      std::string_view node, callback done) const {
  k8s::core::v1::Binding binding;
  binding.mutable_metadata()->set_name(std::string(name));
  binding.mutable_metadata()->set_namespace_(std::string(ns));
  if (!uid.empty()) binding.mutable_metadata()->set_uid(std::string(uid));
  binding.mutable_target()->set_kind("Node");
  binding.mutable_target()->set_apiversion("v1");
  binding.mutable_target()->set_name(std::string(node));
  object_path p{"", "pods", std::string(ns), std::string(name), "binding", "v1"};
  call(with_body("POST", url_path(p), "", binding), std::move(done));
}

void api_client::evict(std::string_view ns, std::string_view name, callback done) const {
  k8s::policy::v1::Eviction eviction;
  eviction.mutable_metadata()->set_name(std::string(name));
  eviction.mutable_metadata()->set_namespace_(std::string(ns));
  object_path p{"", "pods", std::string(ns), std::string(name), "eviction", "v1"};
  call(with_body("POST", url_path(p), "", eviction), std::move(done));
}

api_client::callback reply_to(caf::actor target, std::uint64_t tag) {
  return [target = std::move(target), tag](api_reply reply) {
    caf::anon_send(target, api_reply_atom::value, tag, std::move(reply));
  };
}

}  // namespace kactor::apiclient
