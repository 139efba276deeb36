#include "gateway/admission/update_validation.hpp"

#include <algorithm>

#include <google/protobuf/util/message_differencer.h>

#include "gateway/admission/go_format.hpp"
#include "gateway/selectors/field_error.hpp"

namespace kactor::admission {

const char* const pod_update_forbidden =
    "pod updates may not change fields other than `spec.containers[*].image`,"
    "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only "
    "additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set "
    "to 1 if it was previously negative)";

namespace {

using google::protobuf::util::MessageDifferencer;
constexpr std::string_view immutable = "field is immutable";

bool equal(const google::protobuf::Message& a, const google::protobuf::Message& b) {
  return MessageDifferencer::Equals(a, b);
}

void copy_images(google::protobuf::RepeatedPtrField<k8s::core::v1::Container>& to,
                 const google::protobuf::RepeatedPtrField<k8s::core::v1::Container>& from) {
  if (to.size() != from.size()) return;
  for (int i = 0; i < to.size(); ++i)
    to[i].set_image(from[i].image());
}

// True when every old toleration is still present (new ones may be added).
bool only_additions(const k8s::core::v1::PodSpec& spec, const k8s::core::v1::PodSpec& old) {
  return std::all_of(old.tolerations().begin(), old.tolerations().end(), [&](const auto& t) {
    return std::any_of(spec.tolerations().begin(), spec.tolerations().end(),
                       [&](const auto& n) { return equal(t, n); });
  });
}

field_errors selector_immutable(const k8s::meta::v1::LabelSelector& now,
                                const k8s::meta::v1::LabelSelector& old) {
  if (equal(now, old)) return {};
  return {invalid_formatted("spec.selector", go_label_selector(now), immutable)};
}

}  // namespace

field_errors validate_pod_update(const k8s::core::v1::Pod& pod, const k8s::core::v1::Pod& old) {
  auto mutated = pod.spec();
  const auto& before = old.spec();
  copy_images(*mutated.mutable_containers(), before.containers());
  copy_images(*mutated.mutable_initcontainers(), before.initcontainers());
  if (before.has_activedeadlineseconds()) {
    mutated.set_activedeadlineseconds(before.activedeadlineseconds());
  } else {
    mutated.clear_activedeadlineseconds();
  }
  if (only_additions(pod.spec(), before)) *mutated.mutable_tolerations() = before.tolerations();
  if (before.has_terminationgraceperiodseconds()) {
    mutated.set_terminationgraceperiodseconds(before.terminationgraceperiodseconds());
  }
  if (equal(mutated, before)) return {};
  return {forbidden("spec", pod_update_forbidden)};
}

field_errors validate_deployment_update(const k8s::apps::v1::Deployment& d,
                                        const k8s::apps::v1::Deployment& old) {
  return selector_immutable(d.spec().selector(), old.spec().selector());
}

field_errors validate_replica_set_update(const k8s::apps::v1::ReplicaSet& rs,
                                         const k8s::apps::v1::ReplicaSet& old) {
  return selector_immutable(rs.spec().selector(), old.spec().selector());
}

field_errors validate_daemon_set_update(const k8s::apps::v1::DaemonSet& ds,
                                        const k8s::apps::v1::DaemonSet& old) {
  return selector_immutable(ds.spec().selector(), old.spec().selector());
}

field_errors validate_stateful_set_update(const k8s::apps::v1::StatefulSet& sts,
                                          const k8s::apps::v1::StatefulSet& old) {
  auto mutated = sts.spec();
  const auto& before = old.spec();
  mutated.clear_replicas();
  if (before.has_replicas()) mutated.set_replicas(before.replicas());
  *mutated.mutable_ordinals() = before.ordinals();
  if (!before.has_ordinals()) mutated.clear_ordinals();
  *mutated.mutable_template_() = before.template_();
  *mutated.mutable_updatestrategy() = before.updatestrategy();
  if (!before.has_updatestrategy()) mutated.clear_updatestrategy();
  *mutated.mutable_persistentvolumeclaimretentionpolicy() =
      before.persistentvolumeclaimretentionpolicy();
  if (!before.has_persistentvolumeclaimretentionpolicy())
    mutated.clear_persistentvolumeclaimretentionpolicy();
  mutated.set_minreadyseconds(before.minreadyseconds());
  if (!before.has_minreadyseconds()) mutated.clear_minreadyseconds();
  if (!before.has_template_()) mutated.clear_template_();
  if (equal(mutated, before)) return {};
  return {forbidden("spec",
                    "updates to statefulset spec for fields other than 'replicas', 'ordinals', "
                    "'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and "
                    "'minReadySeconds' are forbidden")};
}

field_errors validate_job_update(const k8s::batch::v1::Job& job, const k8s::batch::v1::Job& old) {
  field_errors out = selector_immutable(job.spec().selector(), old.spec().selector());
  if (!equal(job.spec().template_(), old.spec().template_()))
    out.push_back(invalid_formatted("spec.template", "core.PodTemplateSpec{...}", immutable));
  if (job.spec().completionmode() != old.spec().completionmode())
    out.push_back(invalid("spec.completionMode", job.spec().completionmode(), immutable));
  return out;
}

field_errors validate_service_update(const k8s::core::v1::Service& svc,
                                     const k8s::core::v1::Service& old) {
  if (svc.spec().type() == "ExternalName" || old.spec().type() == "ExternalName") return {};
  const auto& before = old.spec().clusterip();
  const auto& now = svc.spec().clusterip();
  if (before.empty() || now == before) return {};
  std::vector<std::string> ips(svc.spec().clusterips().begin(), svc.spec().clusterips().end());
  if (ips.empty()) ips.push_back(now);
  return {invalid_formatted("spec.clusterIPs[0]", selectors::go_string_slice(ips),
                            "may not change once set")};
}

}  // namespace kactor::admission
