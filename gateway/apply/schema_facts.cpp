#include "gateway/apply/schema_facts.hpp"

#include <array>

namespace kactor::apply {
namespace {

// From the `+listType` / `+listMapKey` markers of the 1.32 Go types, where they disagree
// with the patch tags.
struct list_row {
  std::string_view message;
  std::string_view field;
  list_kind kind;
  std::array<std::string_view, 2> keys;
};
constexpr list_row list_rows[] = {
    {"k8s.batch.v1.PodFailurePolicyOnExitCodesRequirement", "values", list_kind::set, {}},
    {"k8s.batch.v1.JobStatus", "conditions", list_kind::atomic, {}},
    {"k8s.batch.v1.UncountedTerminatedPods", "succeeded", list_kind::set, {}},
    {"k8s.batch.v1.UncountedTerminatedPods", "failed", list_kind::set, {}},
    {"k8s.core.v1.ResourceRequirements", "claims", list_kind::map, {"name"}},
    {"k8s.core.v1.Container", "ports", list_kind::map, {"containerPort", "protocol"}},
    {"k8s.core.v1.EphemeralContainerCommon",
     "ports",
     list_kind::map,
     {"containerPort", "protocol"}},
    {"k8s.core.v1.ResourceStatus", "resources", list_kind::map, {"resourceID"}},
    {"k8s.core.v1.PodSpec",
     "topologySpreadConstraints",
     list_kind::map,
     {"topologyKey", "whenUnsatisfiable"}},
    {"k8s.core.v1.PodStatus", "hostIPs", list_kind::atomic, {}},
    {"k8s.core.v1.ServiceSpec", "ports", list_kind::map, {"port", "protocol"}},
    {"k8s.discovery.v1.Endpoint", "addresses", list_kind::set, {}},
};

// `+structType=atomic` / `+mapType=atomic` on the type.
constexpr std::string_view atomic_types[] = {
    "k8s.autoscaling.v1.CrossVersionObjectReference",
    "k8s.core.v1.ConfigMapKeySelector",
    "k8s.core.v1.EndpointAddress",
    "k8s.core.v1.EndpointPort",
    "k8s.core.v1.LocalObjectReference",
    "k8s.core.v1.NodeSelector",
    "k8s.core.v1.NodeSelectorTerm",
    "k8s.core.v1.ObjectFieldSelector",
    "k8s.core.v1.ObjectReference",
    "k8s.core.v1.ResourceFieldSelector",
    "k8s.core.v1.ScopeSelector",
    "k8s.core.v1.SecretKeySelector",
    "k8s.core.v1.SecretReference",
    "k8s.core.v1.TopologySelectorTerm",
    "k8s.core.v1.TypedLocalObjectReference",
    "k8s.discovery.v1.EndpointPort",
    "k8s.meta.v1.LabelSelector",
    "k8s.meta.v1.OwnerReference",
    "k8s.networking.v1.ServiceBackendPort",
    "k8s.rbac.v1.RoleRef",
    "k8s.rbac.v1.Subject",
};

// `+mapType=atomic` on the field.
struct field_row {
  std::string_view message;
  std::string_view field;
};
constexpr field_row atomic_fields[] = {
    {"k8s.core.v1.PodSpec", "nodeSelector"},
    {"k8s.core.v1.ReplicationControllerSpec", "selector"},
    {"k8s.core.v1.ServiceSpec", "selector"},
};

// `+default` of list key fields.
struct default_row {
  std::string_view message;
  std::string_view field;
  std::string_view value;
};
constexpr default_row key_defaults[] = {
    {"k8s.core.v1.ContainerPort", "protocol", "TCP"},
    {"k8s.core.v1.ServicePort", "protocol", "TCP"},
};

// The members Go's encoding/json writes for the zero value of each type: non-pointer
// structs (also with omitempty) and nil slices, maps and pointers without omitempty.
struct zero_row {
  std::string_view message;
  std::string_view field;
  zero_form form;
};
constexpr zero_row zero_rows[] = {
    {"k8s.apps.v1.StatefulSet", "metadata", zero_form::object},
    {"k8s.apps.v1.StatefulSet", "spec", zero_form::object},
    {"k8s.apps.v1.StatefulSet", "status", zero_form::object},
    {"k8s.apps.v1.StatefulSetSpec", "selector", zero_form::null},
    {"k8s.apps.v1.StatefulSetSpec", "template", zero_form::object},
    {"k8s.apps.v1.StatefulSetSpec", "updateStrategy", zero_form::object},
    {"k8s.apps.v1.Deployment", "metadata", zero_form::object},
    {"k8s.apps.v1.Deployment", "spec", zero_form::object},
    {"k8s.apps.v1.Deployment", "status", zero_form::object},
    {"k8s.apps.v1.DeploymentSpec", "selector", zero_form::null},
    {"k8s.apps.v1.DeploymentSpec", "template", zero_form::object},
    {"k8s.apps.v1.DeploymentSpec", "strategy", zero_form::object},
    {"k8s.apps.v1.DaemonSetSpec", "selector", zero_form::null},
    {"k8s.apps.v1.DaemonSetSpec", "template", zero_form::object},
    {"k8s.apps.v1.DaemonSetSpec", "updateStrategy", zero_form::object},
    {"k8s.apps.v1.DaemonSet", "metadata", zero_form::object},
    {"k8s.apps.v1.DaemonSet", "spec", zero_form::object},
    {"k8s.apps.v1.DaemonSet", "status", zero_form::object},
    {"k8s.apps.v1.ReplicaSet", "metadata", zero_form::object},
    {"k8s.apps.v1.ReplicaSet", "spec", zero_form::object},
    {"k8s.apps.v1.ReplicaSet", "status", zero_form::object},
    {"k8s.apps.v1.ReplicaSetSpec", "selector", zero_form::null},
    {"k8s.apps.v1.ReplicaSetSpec", "template", zero_form::object},
    {"k8s.apps.v1.ControllerRevision", "metadata", zero_form::object},
    {"k8s.authentication.v1.TokenReview", "metadata", zero_form::object},
    {"k8s.authentication.v1.TokenReview", "spec", zero_form::object},
    {"k8s.authentication.v1.TokenReview", "status", zero_form::object},
    {"k8s.authentication.v1.TokenReviewStatus", "user", zero_form::object},
    {"k8s.authentication.v1.TokenRequest", "metadata", zero_form::object},
    {"k8s.authentication.v1.TokenRequest", "spec", zero_form::object},
    {"k8s.authentication.v1.TokenRequest", "status", zero_form::object},
    {"k8s.authentication.v1.TokenRequestSpec", "audiences", zero_form::null},
    {"k8s.authentication.v1.TokenRequestSpec", "expirationSeconds", zero_form::null},
    {"k8s.authentication.v1.TokenRequestSpec", "boundObjectRef", zero_form::null},
    {"k8s.authentication.v1.SelfSubjectReview", "metadata", zero_form::object},
    {"k8s.authentication.v1.SelfSubjectReview", "status", zero_form::object},
    {"k8s.authentication.v1.SelfSubjectReviewStatus", "userInfo", zero_form::object},
    {"k8s.authorization.v1.SubjectAccessReview", "metadata", zero_form::object},
    {"k8s.authorization.v1.SubjectAccessReview", "spec", zero_form::object},
    {"k8s.authorization.v1.SubjectAccessReview", "status", zero_form::object},
    {"k8s.authorization.v1.SelfSubjectAccessReview", "metadata", zero_form::object},
    {"k8s.authorization.v1.SelfSubjectAccessReview", "spec", zero_form::object},
    {"k8s.authorization.v1.SelfSubjectAccessReview", "status", zero_form::object},
    {"k8s.authorization.v1.LocalSubjectAccessReview", "metadata", zero_form::object},
    {"k8s.authorization.v1.LocalSubjectAccessReview", "spec", zero_form::object},
    {"k8s.authorization.v1.LocalSubjectAccessReview", "status", zero_form::object},
    {"k8s.authorization.v1.SelfSubjectRulesReview", "metadata", zero_form::object},
    {"k8s.authorization.v1.SelfSubjectRulesReview", "spec", zero_form::object},
    {"k8s.authorization.v1.SelfSubjectRulesReview", "status", zero_form::object},
    {"k8s.authorization.v1.SubjectRulesReviewStatus", "resourceRules", zero_form::null},
    {"k8s.authorization.v1.SubjectRulesReviewStatus", "nonResourceRules", zero_form::null},
    {"k8s.authorization.v1.ResourceRule", "verbs", zero_form::null},
    {"k8s.authorization.v1.NonResourceRule", "verbs", zero_form::null},
    {"k8s.autoscaling.v1.HorizontalPodAutoscalerSpec", "scaleTargetRef", zero_form::object},
    {"k8s.autoscaling.v1.HorizontalPodAutoscaler", "metadata", zero_form::object},
    {"k8s.autoscaling.v1.HorizontalPodAutoscaler", "spec", zero_form::object},
    {"k8s.autoscaling.v1.HorizontalPodAutoscaler", "status", zero_form::object},
    {"k8s.autoscaling.v1.Scale", "metadata", zero_form::object},
    {"k8s.autoscaling.v1.Scale", "spec", zero_form::object},
    {"k8s.autoscaling.v1.Scale", "status", zero_form::object},
    {"k8s.autoscaling.v1.ObjectMetricSource", "target", zero_form::object},
    {"k8s.autoscaling.v1.ObjectMetricStatus", "target", zero_form::object},
    {"k8s.autoscaling.v2.HorizontalPodAutoscaler", "metadata", zero_form::object},
    {"k8s.autoscaling.v2.HorizontalPodAutoscaler", "spec", zero_form::object},
    {"k8s.autoscaling.v2.HorizontalPodAutoscaler", "status", zero_form::object},
    {"k8s.autoscaling.v2.HorizontalPodAutoscalerSpec", "scaleTargetRef", zero_form::object},
    {"k8s.autoscaling.v2.ObjectMetricSource", "describedObject", zero_form::object},
    {"k8s.autoscaling.v2.ObjectMetricSource", "target", zero_form::object},
    {"k8s.autoscaling.v2.ObjectMetricSource", "metric", zero_form::object},
    {"k8s.autoscaling.v2.PodsMetricSource", "metric", zero_form::object},
    {"k8s.autoscaling.v2.PodsMetricSource", "target", zero_form::object},
    {"k8s.autoscaling.v2.ResourceMetricSource", "target", zero_form::object},
    {"k8s.autoscaling.v2.ContainerResourceMetricSource", "target", zero_form::object},
    {"k8s.autoscaling.v2.ExternalMetricSource", "metric", zero_form::object},
    {"k8s.autoscaling.v2.ExternalMetricSource", "target", zero_form::object},
    {"k8s.autoscaling.v2.HorizontalPodAutoscalerStatus", "currentMetrics", zero_form::null},
    {"k8s.autoscaling.v2.ObjectMetricStatus", "metric", zero_form::object},
    {"k8s.autoscaling.v2.ObjectMetricStatus", "current", zero_form::object},
    {"k8s.autoscaling.v2.ObjectMetricStatus", "describedObject", zero_form::object},
    {"k8s.autoscaling.v2.PodsMetricStatus", "metric", zero_form::object},
    {"k8s.autoscaling.v2.PodsMetricStatus", "current", zero_form::object},
    {"k8s.autoscaling.v2.ResourceMetricStatus", "current", zero_form::object},
    {"k8s.autoscaling.v2.ContainerResourceMetricStatus", "current", zero_form::object},
    {"k8s.autoscaling.v2.ExternalMetricStatus", "metric", zero_form::object},
    {"k8s.autoscaling.v2.ExternalMetricStatus", "current", zero_form::object},
    {"k8s.batch.v1.Job", "metadata", zero_form::object},
    {"k8s.batch.v1.Job", "spec", zero_form::object},
    {"k8s.batch.v1.Job", "status", zero_form::object},
    {"k8s.batch.v1.PodFailurePolicyOnExitCodesRequirement", "values", zero_form::null},
    {"k8s.batch.v1.PodFailurePolicy", "rules", zero_form::null},
    {"k8s.batch.v1.SuccessPolicy", "rules", zero_form::null},
    {"k8s.batch.v1.JobSpec", "template", zero_form::object},
    {"k8s.batch.v1.JobTemplateSpec", "metadata", zero_form::object},
    {"k8s.batch.v1.JobTemplateSpec", "spec", zero_form::object},
    {"k8s.batch.v1.CronJob", "metadata", zero_form::object},
    {"k8s.batch.v1.CronJob", "spec", zero_form::object},
    {"k8s.batch.v1.CronJob", "status", zero_form::object},
    {"k8s.batch.v1.CronJobSpec", "jobTemplate", zero_form::object},
    {"k8s.coordination.v1.Lease", "metadata", zero_form::object},
    {"k8s.coordination.v1.Lease", "spec", zero_form::object},
    {"k8s.core.v1.PersistentVolume", "metadata", zero_form::object},
    {"k8s.core.v1.PersistentVolume", "spec", zero_form::object},
    {"k8s.core.v1.PersistentVolume", "status", zero_form::object},
    {"k8s.core.v1.PersistentVolumeClaim", "metadata", zero_form::object},
    {"k8s.core.v1.PersistentVolumeClaim", "spec", zero_form::object},
    {"k8s.core.v1.PersistentVolumeClaim", "status", zero_form::object},
    {"k8s.core.v1.PersistentVolumeClaimSpec", "resources", zero_form::object},
    {"k8s.core.v1.TypedObjectReference", "apiGroup", zero_form::null},
    {"k8s.core.v1.RBDVolumeSource", "monitors", zero_form::null},
    {"k8s.core.v1.RBDPersistentVolumeSource", "monitors", zero_form::null},
    {"k8s.core.v1.CephFSVolumeSource", "monitors", zero_form::null},
    {"k8s.core.v1.CephFSPersistentVolumeSource", "monitors", zero_form::null},
    {"k8s.core.v1.AzureFilePersistentVolumeSource", "secretNamespace", zero_form::null},
    {"k8s.core.v1.ScaleIOVolumeSource", "secretRef", zero_form::null},
    {"k8s.core.v1.ScaleIOPersistentVolumeSource", "secretRef", zero_form::null},
    {"k8s.core.v1.ProjectedVolumeSource", "sources", zero_form::null},
    {"k8s.core.v1.PersistentVolumeClaimTemplate", "metadata", zero_form::object},
    {"k8s.core.v1.PersistentVolumeClaimTemplate", "spec", zero_form::object},
    {"k8s.core.v1.GRPCAction", "service", zero_form::null},
    {"k8s.core.v1.Container", "resources", zero_form::object},
    {"k8s.core.v1.ContainerStatus", "state", zero_form::object},
    {"k8s.core.v1.ContainerStatus", "lastState", zero_form::object},
    {"k8s.core.v1.NodeSelector", "nodeSelectorTerms", zero_form::null},
    {"k8s.core.v1.TopologySelectorLabelRequirement", "values", zero_form::null},
    {"k8s.core.v1.WeightedPodAffinityTerm", "podAffinityTerm", zero_form::object},
    {"k8s.core.v1.PreferredSchedulingTerm", "preference", zero_form::object},
    {"k8s.core.v1.PodSpec", "containers", zero_form::null},
    {"k8s.core.v1.EphemeralContainerCommon", "resources", zero_form::object},
    {"k8s.core.v1.PodStatusResult", "metadata", zero_form::object},
    {"k8s.core.v1.PodStatusResult", "status", zero_form::object},
    {"k8s.core.v1.Pod", "metadata", zero_form::object},
    {"k8s.core.v1.Pod", "spec", zero_form::object},
    {"k8s.core.v1.Pod", "status", zero_form::object},
    {"k8s.core.v1.PodTemplateSpec", "metadata", zero_form::object},
    {"k8s.core.v1.PodTemplateSpec", "spec", zero_form::object},
    {"k8s.core.v1.PodTemplate", "metadata", zero_form::object},
    {"k8s.core.v1.PodTemplate", "template", zero_form::object},
    {"k8s.core.v1.ReplicationController", "metadata", zero_form::object},
    {"k8s.core.v1.ReplicationController", "spec", zero_form::object},
    {"k8s.core.v1.ReplicationController", "status", zero_form::object},
    {"k8s.core.v1.ServiceStatus", "loadBalancer", zero_form::object},
    {"k8s.core.v1.Service", "metadata", zero_form::object},
    {"k8s.core.v1.Service", "spec", zero_form::object},
    {"k8s.core.v1.Service", "status", zero_form::object},
    {"k8s.core.v1.ServiceAccount", "metadata", zero_form::object},
    {"k8s.core.v1.Endpoints", "metadata", zero_form::object},
    {"k8s.core.v1.NodeDaemonEndpoints", "kubeletEndpoint", zero_form::object},
    {"k8s.core.v1.NodeStatus", "daemonEndpoints", zero_form::object},
    {"k8s.core.v1.NodeStatus", "nodeInfo", zero_form::object},
    {"k8s.core.v1.PreferAvoidPodsEntry", "podSignature", zero_form::object},
    {"k8s.core.v1.ContainerImage", "names", zero_form::null},
    {"k8s.core.v1.Node", "metadata", zero_form::object},
    {"k8s.core.v1.Node", "spec", zero_form::object},
    {"k8s.core.v1.Node", "status", zero_form::object},
    {"k8s.core.v1.Namespace", "metadata", zero_form::object},
    {"k8s.core.v1.Namespace", "spec", zero_form::object},
    {"k8s.core.v1.Namespace", "status", zero_form::object},
    {"k8s.core.v1.Binding", "metadata", zero_form::object},
    {"k8s.core.v1.Binding", "target", zero_form::object},
    {"k8s.core.v1.PodExecOptions", "command", zero_form::null},
    {"k8s.core.v1.TypedLocalObjectReference", "apiGroup", zero_form::null},
    {"k8s.core.v1.SerializedReference", "reference", zero_form::object},
    {"k8s.core.v1.Event", "metadata", zero_form::object},
    {"k8s.core.v1.Event", "involvedObject", zero_form::object},
    {"k8s.core.v1.Event", "source", zero_form::object},
    {"k8s.core.v1.LimitRangeSpec", "limits", zero_form::null},
    {"k8s.core.v1.LimitRange", "metadata", zero_form::object},
    {"k8s.core.v1.LimitRange", "spec", zero_form::object},
    {"k8s.core.v1.ResourceQuota", "metadata", zero_form::object},
    {"k8s.core.v1.ResourceQuota", "spec", zero_form::object},
    {"k8s.core.v1.ResourceQuota", "status", zero_form::object},
    {"k8s.core.v1.Secret", "metadata", zero_form::object},
    {"k8s.core.v1.ConfigMap", "metadata", zero_form::object},
    {"k8s.core.v1.ComponentStatus", "metadata", zero_form::object},
    {"k8s.core.v1.RangeAllocation", "metadata", zero_form::object},
    {"k8s.discovery.v1.EndpointSlice", "metadata", zero_form::object},
    {"k8s.discovery.v1.EndpointSlice", "endpoints", zero_form::null},
    {"k8s.discovery.v1.EndpointSlice", "ports", zero_form::null},
    {"k8s.discovery.v1.Endpoint", "addresses", zero_form::null},
    {"k8s.discovery.v1.Endpoint", "conditions", zero_form::object},
    {"k8s.events.v1.Event", "metadata", zero_form::object},
    {"k8s.events.v1.Event", "regarding", zero_form::object},
    {"k8s.events.v1.Event", "deprecatedSource", zero_form::object},
    {"k8s.networking.v1.NetworkPolicy", "metadata", zero_form::object},
    {"k8s.networking.v1.NetworkPolicy", "spec", zero_form::object},
    {"k8s.networking.v1.NetworkPolicySpec", "podSelector", zero_form::object},
    {"k8s.networking.v1.Ingress", "metadata", zero_form::object},
    {"k8s.networking.v1.Ingress", "spec", zero_form::object},
    {"k8s.networking.v1.Ingress", "status", zero_form::object},
    {"k8s.networking.v1.IngressStatus", "loadBalancer", zero_form::object},
    {"k8s.networking.v1.HTTPIngressRuleValue", "paths", zero_form::null},
    {"k8s.networking.v1.HTTPIngressPath", "pathType", zero_form::null},
    {"k8s.networking.v1.HTTPIngressPath", "backend", zero_form::object},
    {"k8s.networking.v1.IngressServiceBackend", "port", zero_form::object},
    {"k8s.networking.v1.IngressClass", "metadata", zero_form::object},
    {"k8s.networking.v1.IngressClass", "spec", zero_form::object},
    {"k8s.networking.v1.IngressClassParametersReference", "scope", zero_form::null},
    {"k8s.policy.v1.PodDisruptionBudget", "metadata", zero_form::object},
    {"k8s.policy.v1.PodDisruptionBudget", "spec", zero_form::object},
    {"k8s.policy.v1.PodDisruptionBudget", "status", zero_form::object},
    {"k8s.policy.v1.Eviction", "metadata", zero_form::object},
    {"k8s.rbac.v1.PolicyRule", "verbs", zero_form::null},
    {"k8s.rbac.v1.Role", "metadata", zero_form::object},
    {"k8s.rbac.v1.Role", "rules", zero_form::null},
    {"k8s.rbac.v1.RoleBinding", "metadata", zero_form::object},
    {"k8s.rbac.v1.RoleBinding", "roleRef", zero_form::object},
    {"k8s.rbac.v1.ClusterRole", "metadata", zero_form::object},
    {"k8s.rbac.v1.ClusterRole", "rules", zero_form::null},
    {"k8s.rbac.v1.ClusterRoleBinding", "metadata", zero_form::object},
    {"k8s.rbac.v1.ClusterRoleBinding", "roleRef", zero_form::object},
    {"k8s.scheduling.v1.PriorityClass", "metadata", zero_form::object},
    {"k8s.meta.v1.Status", "metadata", zero_form::object},
    {"k8s.meta.v1.APIVersions", "versions", zero_form::null},
    {"k8s.meta.v1.APIVersions", "serverAddressByClientCIDRs", zero_form::null},
    {"k8s.meta.v1.APIGroup", "versions", zero_form::null},
    {"k8s.meta.v1.APIGroup", "preferredVersion", zero_form::object},
    {"k8s.meta.v1.RootPaths", "paths", zero_form::null},
    {"k8s.meta.v1.Table", "metadata", zero_form::object},
    {"k8s.meta.v1.Table", "columnDefinitions", zero_form::null},
    {"k8s.meta.v1.Table", "rows", zero_form::null},
    {"k8s.meta.v1.PartialObjectMetadata", "metadata", zero_form::object},
};

}  // namespace

std::optional<list_fact> list_override(std::string_view message, std::string_view field) {
  for (const auto& row : list_rows) {
    if (row.message != message || row.field != field) continue;
    list_fact fact{row.kind, {}};
    for (auto key : row.keys) {
      if (!key.empty()) fact.keys.push_back(key);
    }
    return fact;
  }
  return std::nullopt;
}

bool is_atomic_type(std::string_view message) {
  for (auto name : atomic_types) {
    if (name == message) return true;
  }
  return false;
}

bool is_atomic_field(std::string_view message, std::string_view field) {
  for (const auto& row : atomic_fields) {
    if (row.message == message && row.field == field) return true;
  }
  return false;
}

std::optional<std::string_view> key_default(std::string_view item_message, std::string_view field) {
  for (const auto& row : key_defaults) {
    if (row.message == item_message && row.field == field) return row.value;
  }
  return std::nullopt;
}

void for_each_zero_member(std::string_view message,
                          const std::function<void(std::string_view, zero_form)>& fn) {
  for (const auto& row : zero_rows) {
    if (row.message == message) fn(row.field, row.form);
  }
}

}  // namespace kactor::apply
