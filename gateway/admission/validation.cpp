#include "gateway/admission/validation.hpp"

#include "gateway/admission/config_validation.hpp"
#include "gateway/admission/meta_validation.hpp"
#include "gateway/admission/pod_validation.hpp"
#include "gateway/admission/service_validation.hpp"
#include "gateway/admission/update_validation.hpp"
#include "gateway/admission/workload_validation.hpp"
#include "messages/registry.hpp"

namespace kactor::admission {
namespace {

using google::protobuf::DynamicCastToGenerated;
using google::protobuf::Message;
namespace core = k8s::core::v1;
namespace apps = k8s::apps::v1;
namespace batch = k8s::batch::v1;

// The object's metadata, if its type has a `metadata` ObjectMeta field.
const k8s::meta::v1::ObjectMeta* metadata_of(const Message& m) {
  const auto* field = m.GetDescriptor()->FindFieldByName("metadata");
  if (field == nullptr || field->message_type() != k8s::meta::v1::ObjectMeta::descriptor())
    return nullptr;
  return DynamicCastToGenerated<k8s::meta::v1::ObjectMeta>(
      &m.GetReflection()->GetMessage(m, field));
}

bool is_namespaced(const google::protobuf::Descriptor* type) {
  const auto& types = messages::registry::generated();
  auto meta = types.type_meta_of(type);
  if (!meta) return false;
  const auto* resource = types.find_resource_for_kind(meta->api_version, meta->kind);
  return resource != nullptr && resource->namespaced;
}

template <class T, class F>
bool when(const Message& m, field_errors& out, F&& f) {
  const auto* typed = DynamicCastToGenerated<T>(&m);
  if (typed == nullptr) return false;
  append(out, f(*typed));
  return true;
}

template <class T, class F>
bool when_update(const Message& m, const Message& old, field_errors& out, F&& f) {
  const auto* typed = DynamicCastToGenerated<T>(&m);
  const auto* typed_old = DynamicCastToGenerated<T>(&old);
  if (typed == nullptr || typed_old == nullptr) return false;
  append(out, f(*typed, *typed_old));
  return true;
}

void validate_kind(const Message& m, field_errors& out) {
  when<core::Pod>(m, out, [](const auto& p) { return validate_pod_spec(p.spec(), "spec"); }) ||
      when<core::PodTemplate>(
          m, out, [](const auto& p) { return validate_pod_template(p.template_(), "template"); }) ||
      when<core::ReplicationController>(m, out, validate_replication_controller) ||
      when<core::Service>(m, out, validate_service) ||
      when<core::ConfigMap>(m, out, validate_config_map) ||
      when<core::Secret>(m, out, validate_secret) ||
      when<apps::Deployment>(m, out, validate_deployment) ||
      when<apps::ReplicaSet>(m, out, validate_replica_set) ||
      when<apps::DaemonSet>(m, out, validate_daemon_set) ||
      when<apps::StatefulSet>(m, out, validate_stateful_set) ||
      when<batch::Job>(m, out, validate_job) || when<batch::CronJob>(m, out, validate_cron_job);
}

void validate_kind_update(const Message& m, const Message& old, field_errors& out) {
  when_update<core::Pod>(m, old, out, validate_pod_update) ||
      when_update<core::Service>(m, old, out, validate_service_update) ||
      when_update<core::ConfigMap>(m, old, out, validate_config_map_update) ||
      when_update<core::Secret>(m, old, out, validate_secret_update) ||
      when_update<apps::Deployment>(m, old, out, validate_deployment_update) ||
      when_update<apps::ReplicaSet>(m, old, out, validate_replica_set_update) ||
      when_update<apps::DaemonSet>(m, old, out, validate_daemon_set_update) ||
      when_update<apps::StatefulSet>(m, old, out, validate_stateful_set_update) ||
      when_update<batch::Job>(m, old, out, validate_job_update);
}

}  // namespace

name_rule name_rule_for(const google::protobuf::Descriptor* type) {
  const auto& name = type->full_name();
  if (name == "k8s.core.v1.Service") return name_rule::dns1035_label;
  if (name == "k8s.core.v1.Namespace") return name_rule::dns1123_label;
  if (name == "k8s.rbac.v1.Role" || name == "k8s.rbac.v1.ClusterRole" ||
      name == "k8s.rbac.v1.RoleBinding" || name == "k8s.rbac.v1.ClusterRoleBinding")
    return name_rule::path_segment;
  return name_rule::dns1123_subdomain;
}

field_errors validate_create(const Message& object) {
  field_errors out;
  const auto* type = object.GetDescriptor();
  if (const auto* meta = metadata_of(object))
    out = validate_object_meta(*meta, is_namespaced(type), name_rule_for(type));
  validate_kind(object, out);
  return out;
}

field_errors validate_update(const Message& object, const Message& old) {
  if (object.GetDescriptor() != old.GetDescriptor())
    return {invalid("kind", object.GetDescriptor()->name(), "field is immutable")};
  field_errors out;
  const auto* meta = metadata_of(object);
  const auto* old_meta = metadata_of(old);
  if (meta != nullptr && old_meta != nullptr) out = validate_object_meta_update(*meta, *old_meta);
  // The new object must be valid on its own too (metadata name/namespace rules included).
  for (auto& e : validate_create(object)) {
    if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(std::move(e));
  }
  validate_kind_update(object, old, out);
  return out;
}

}  // namespace kactor::admission
