#include "gateway/admission/object_defaults.hpp"

#include "gateway/admission/volume_defaults.hpp"

namespace kactor::admission {

void default_namespace(k8s::core::v1::Namespace& ns) {
  if (ns.status().phase().empty()) ns.mutable_status()->set_phase("Active");
  if (!ns.metadata().name().empty())
    (*ns.mutable_metadata()->mutable_labels())["kubernetes.io/metadata.name"] =
        ns.metadata().name();
}

void default_secret(k8s::core::v1::Secret& secret) {
  if (secret.type().empty()) secret.set_type("Opaque");
  for (const auto& [k, v] : secret.stringdata())
    (*secret.mutable_data())[k] = v;
  secret.clear_stringdata();
}

void default_persistent_volume(k8s::core::v1::PersistentVolume& pv) {
  auto& spec = *pv.mutable_spec();
  if (spec.persistentvolumereclaimpolicy().empty())
    spec.set_persistentvolumereclaimpolicy("Retain");
  if (!spec.has_volumemode()) spec.set_volumemode("Filesystem");
  if (pv.status().phase().empty()) pv.mutable_status()->set_phase("Pending");
}

void default_persistent_volume_claim(k8s::core::v1::PersistentVolumeClaim& pvc) {
  default_claim_spec(*pvc.mutable_spec());
  if (pvc.status().phase().empty()) pvc.mutable_status()->set_phase("Pending");
}

void default_endpoints(k8s::core::v1::Endpoints& ep) {
  for (auto& subset : *ep.mutable_subsets())
    for (auto& port : *subset.mutable_ports())
      if (port.protocol().empty()) port.set_protocol("TCP");
}

void default_node(k8s::core::v1::Node& node) {
  if (node.status().allocatable().empty() && !node.status().capacity().empty())
    *node.mutable_status()->mutable_allocatable() = node.status().capacity();
}

void default_hpa(k8s::autoscaling::v1::HorizontalPodAutoscaler& hpa) {
  if (!hpa.spec().has_minreplicas()) hpa.mutable_spec()->set_minreplicas(1);
}

void default_hpa(k8s::autoscaling::v2::HorizontalPodAutoscaler& hpa) {
  auto& spec = *hpa.mutable_spec();
  if (!spec.has_minreplicas()) spec.set_minreplicas(1);
  if (spec.metrics().empty()) {
    auto& metric = *spec.add_metrics();
    metric.set_type("Resource");
    metric.mutable_resource()->set_name("cpu");
    auto& target = *metric.mutable_resource()->mutable_target();
    target.set_type("Utilization");
    target.set_averageutilization(80);
  }
}

void default_network_policy(k8s::networking::v1::NetworkPolicy& np) {
  auto& spec = *np.mutable_spec();
  auto default_ports = [](auto& ports) {
    for (auto& port : ports)
      if (!port.has_protocol()) port.set_protocol("TCP");
  };
  for (auto& rule : *spec.mutable_ingress())
    default_ports(*rule.mutable_ports());
  for (auto& rule : *spec.mutable_egress())
    default_ports(*rule.mutable_ports());
  if (spec.policytypes().empty()) {
    spec.add_policytypes("Ingress");
    if (!spec.egress().empty()) spec.add_policytypes("Egress");
  }
}

void default_subjects(google::protobuf::RepeatedPtrField<k8s::rbac::v1::Subject>& subjects) {
  for (auto& s : subjects)
    if (s.apigroup().empty() && (s.kind() == "User" || s.kind() == "Group"))
      s.set_apigroup("rbac.authorization.k8s.io");
}

}  // namespace kactor::admission
