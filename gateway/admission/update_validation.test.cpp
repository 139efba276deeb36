#include "gateway/admission/update_validation.hpp"

#include <doctest/doctest.h>

#include "gateway/admission/apply_defaults.hpp"
#include "gateway/admission/test_objects.hpp"
#include "gateway/admission/validation.hpp"
#include "k8s/core/v1/config.pb.h"

using namespace kactor::admission;
using namespace kactor::admission::testing;

namespace {

std::vector<std::string> texts(const field_errors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors)
    out.push_back(e.text());
  return out;
}

k8s::core::v1::Pod stored_pod() {
  auto pod = fixture_object<k8s::core::v1::Pod>("pod-misc.yaml");
  pod.mutable_metadata()->set_uid("u1");
  apply_defaults(pod);
  return pod;
}

}  // namespace

TEST_CASE("pod updates: image, tolerations additions and deadline allowed; the rest forbidden") {
  auto old = stored_pod();
  auto pod = old;
  pod.mutable_spec()->mutable_containers(0)->set_image("host:v2");
  pod.mutable_spec()->set_activedeadlineseconds(60);
  pod.mutable_spec()->add_tolerations()->set_key("extra");
  pod.mutable_spec()->mutable_tolerations(2)->set_operator_("Exists");
  CHECK(validate_update(pod, old).empty());
  pod.mutable_spec()->mutable_containers(0)->add_args("--more");
  CHECK(texts(validate_update(pod, old)) ==
        std::vector<std::string>{std::string("spec: Forbidden: ") + pod_update_forbidden});
  auto removed = old;
  removed.mutable_spec()->mutable_tolerations()->RemoveLast();
  CHECK(validate_update(removed, old).size() == 1);
}

TEST_CASE("metadata immutability on update") {
  auto old = stored_pod();
  auto pod = old;
  pod.mutable_metadata()->set_name("other");
  pod.mutable_metadata()->set_uid("u2");
  CHECK(texts(validate_update(pod, old)) ==
        std::vector<std::string>{"metadata.name: Invalid value: \"other\": field is immutable",
                                 "metadata.uid: Invalid value: \"u2\": field is immutable"});
}

TEST_CASE("deployment selector is immutable, the template is not") {
  auto old = fixture_object<k8s::apps::v1::Deployment>("deployment-web.yaml");
  apply_defaults(old);
  auto d = old;
  d.mutable_spec()->set_replicas(7);
  d.mutable_spec()->mutable_template_()->mutable_spec()->mutable_containers(0)->set_image(
      "host:v9");
  CHECK(validate_update(d, old).empty());
  auto moved = old;
  moved.mutable_spec()->mutable_selector()->clear_matchexpressions();
  CHECK(texts(validate_update(moved, old)) ==
        std::vector<std::string>{
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app."
            "kubernetes.io/name\":\"web\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: "
            "field is immutable"});
}

TEST_CASE("statefulset spec beyond the allowed fields is forbidden") {
  k8s::apps::v1::StatefulSet old;
  old.mutable_spec()->set_servicename("db");
  auto sts = old;
  sts.mutable_spec()->set_replicas(3);
  CHECK(validate_stateful_set_update(sts, old).empty());
  sts.mutable_spec()->set_servicename("other");
  CHECK(texts(validate_stateful_set_update(sts, old)) ==
        std::vector<std::string>{
            "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', "
            "'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and "
            "'minReadySeconds' are forbidden"});
}

TEST_CASE("job template and service clusterIP are immutable") {
  k8s::batch::v1::Job old_job;
  old_job.mutable_spec()->mutable_template_()->mutable_spec()->set_restartpolicy("Never");
  auto job = old_job;
  job.mutable_spec()->mutable_template_()->mutable_spec()->set_restartpolicy("OnFailure");
  CHECK(texts(validate_job_update(job, old_job)) ==
        std::vector<std::string>{
            "spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable"});
  k8s::core::v1::Service old_svc;
  old_svc.mutable_spec()->set_clusterip("10.96.0.5");
  auto svc = old_svc;
  svc.mutable_spec()->set_clusterip("10.96.0.9");
  CHECK(texts(validate_service_update(svc, old_svc)) ==
        std::vector<std::string>{
            "spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.9\"}: may not change once set"});
}

TEST_CASE("immutable configmaps and secret types") {
  k8s::core::v1::ConfigMap old;
  old.set_immutable(true);
  (*old.mutable_data())["a"] = std::string("1");
  auto cm = old;
  (*cm.mutable_data())["a"] = std::string("2");
  cm.set_immutable(false);
  CHECK(texts(validate_config_map_update(cm, old)) ==
        std::vector<std::string>{"immutable: Forbidden: field is immutable when `immutable` is set",
                                 "data: Forbidden: field is immutable when `immutable` is set"});
  k8s::core::v1::Secret old_secret;
  old_secret.set_type("Opaque");
  auto secret = old_secret;
  secret.set_type(
      std::string("kubernetes.io/tls"));  // std::string: avoids a GCC 12 -Wrestrict false positive
  CHECK(texts(validate_secret_update(secret, old_secret)) ==
        std::vector<std::string>{"type: Invalid value: \"kubernetes.io/tls\": field is immutable"});
}
