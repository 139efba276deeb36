#include "gateway/admission/apply_defaults.hpp"

#include "gateway/admission/object_defaults.hpp"
#include "gateway/admission/pod_defaults.hpp"
#include "gateway/admission/pod_qos.hpp"
#include "gateway/admission/service_defaults.hpp"
#include "gateway/admission/workload_defaults.hpp"

namespace kactor::admission {
namespace {

using google::protobuf::DynamicCastToGenerated;

// Calls f(T&) when `m` is a T; true when it was.
template <class T, class F>
bool when(google::protobuf::Message& m, F&& f) {
  auto* typed = DynamicCastToGenerated<T>(&m);
  if (typed == nullptr) return false;
  f(*typed);
  return true;
}

template <class T>
bool when(google::protobuf::Message& m, void (*f)(T&)) {
  return when<T>(m, [f](T& t) { f(t); });
}

namespace core = k8s::core::v1;
namespace apps = k8s::apps::v1;
namespace batch = k8s::batch::v1;

bool default_core(google::protobuf::Message& m) {
  return when<core::Pod>(m, &default_pod) ||
         when<core::PodTemplate>(m, &default_pod_template_object) ||
         when<core::ReplicationController>(m, &default_replication_controller) ||
         when<core::Service>(m, &default_service) || when<core::Namespace>(m, &default_namespace) ||
         when<core::Secret>(m, &default_secret) || when<core::Endpoints>(m, &default_endpoints) ||
         when<core::Node>(m, &default_node) ||
         when<core::PersistentVolume>(m, &default_persistent_volume) ||
         when<core::PersistentVolumeClaim>(m, &default_persistent_volume_claim);
}

bool default_groups(google::protobuf::Message& m) {
  return when<apps::Deployment>(m, &default_deployment) ||
         when<apps::ReplicaSet>(m, &default_replica_set) ||
         when<apps::DaemonSet>(m, &default_daemon_set) ||
         when<apps::StatefulSet>(m, &default_stateful_set) || when<batch::Job>(m, &default_job) ||
         when<batch::CronJob>(m, &default_cron_job) ||
         when<k8s::autoscaling::v1::HorizontalPodAutoscaler>(m, [](auto& h) { default_hpa(h); }) ||
         when<k8s::autoscaling::v2::HorizontalPodAutoscaler>(m, [](auto& h) { default_hpa(h); }) ||
         when<k8s::networking::v1::NetworkPolicy>(m, &default_network_policy) ||
         when<k8s::rbac::v1::RoleBinding>(
             m, [](auto& b) { default_subjects(*b.mutable_subjects()); }) ||
         when<k8s::rbac::v1::ClusterRoleBinding>(
             m, [](auto& b) { default_subjects(*b.mutable_subjects()); });
}

// Clears the `status` field of any message that has one.
void clear_status(google::protobuf::Message& m) {
  const auto* field = m.GetDescriptor()->FindFieldByName("status");
  if (field != nullptr && field->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE)
    m.GetReflection()->ClearField(&m, field);
}

}  // namespace

void apply_defaults(google::protobuf::Message& object) {
  if (!default_core(object)) default_groups(object);
}

void prepare_for_create(google::protobuf::Message& object) {
  if (auto* pod = DynamicCastToGenerated<core::Pod>(&object)) {
    pod->clear_status();
    pod->mutable_status()->set_phase("Pending");
    pod->mutable_status()->set_qosclass(pod_qos_class(pod->spec()));
    return;
  }
  if (auto* ns = DynamicCastToGenerated<core::Namespace>(&object)) {
    if (ns->spec().finalizers().empty()) ns->mutable_spec()->add_finalizers("kubernetes");
    ns->clear_status();
    ns->mutable_status()->set_phase("Active");
    return;
  }
  const auto& name = object.GetDescriptor()->full_name();
  if (name == "k8s.core.v1.PersistentVolumeClaim" || name == "k8s.core.v1.PersistentVolume") {
    clear_status(object);
    apply_defaults(object);  // phase Pending again
    return;
  }
  static const char* const reset[] = {
      "k8s.apps.v1.Deployment", "k8s.apps.v1.ReplicaSet",  "k8s.core.v1.ReplicationController",
      "k8s.apps.v1.DaemonSet",  "k8s.apps.v1.StatefulSet", "k8s.batch.v1.Job",
      "k8s.batch.v1.CronJob",   "k8s.core.v1.Service"};
  for (const char* kind : reset)
    if (name == kind) clear_status(object);
}

}  // namespace kactor::admission
