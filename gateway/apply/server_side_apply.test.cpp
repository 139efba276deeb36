#include "gateway/apply/server_side_apply.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gateway/apply/track_update.hpp"
#include "k8s/apps/v1/deployment.pb.h"
#include "messages/codec/yaml.hpp"

using namespace kactor::apply;

namespace {

const auto* deployment = k8s::apps::v1::Deployment::descriptor();

apply_options as(std::string manager, std::string now, bool force = false) {
  return {std::move(manager), force, "apps/v1", std::move(now), ""};
}

json applied(const json* live, const json& config, const apply_options& options) {
  auto r = server_side_apply(live, config, deployment, options);
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
  return *r;
}

apply_error apply_fails(const json* live, const json& config, const apply_options& options) {
  auto r = server_side_apply(live, config, deployment, options);
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

// The managedFields entry of `manager` (and operation), or null.
const json* entry(const json& object, const std::string& manager, const std::string& op) {
  for (const auto& e : object["metadata"]["managedFields"]) {
    if (e["manager"] == manager && e["operation"] == op) return &e;
  }
  return nullptr;
}

json fixture_deployment() {
  const char* source = std::getenv("KACTOR_SOURCE_DIR");
  REQUIRE_MESSAGE(source != nullptr, "KACTOR_SOURCE_DIR is not set");
  auto file = std::filesystem::path(source) / ".." / "shared" / "fixtures" / "manifests" /
              "deployment-web.yaml";
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  auto docs = kactor::messages::parse_yaml(text.str());
  REQUIRE(docs.has_value());
  REQUIRE(docs->size() == 1);
  return (*docs)[0].value;
}

// Kubernetes 1.32's FieldsV1 for `kubectl apply --server-side` of deployment-web.yaml.
const char* web_fields = R"({
 "f:metadata":{"f:annotations":{"f:example.com/owner":{}},
   "f:labels":{"f:app.kubernetes.io/name":{},"f:tier":{}}},
 "f:spec":{"f:minReadySeconds":{},"f:progressDeadlineSeconds":{},"f:replicas":{},
  "f:revisionHistoryLimit":{},"f:selector":{},
  "f:strategy":{"f:rollingUpdate":{"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},
  "f:template":{
   "f:metadata":{"f:annotations":{"f:prometheus.io/scrape":{}},
     "f:labels":{"f:app.kubernetes.io/name":{},"f:tier":{}}},
   "f:spec":{
    "f:affinity":{
     "f:nodeAffinity":{"f:preferredDuringSchedulingIgnoredDuringExecution":{},
       "f:requiredDuringSchedulingIgnoredDuringExecution":{}},
     "f:podAntiAffinity":{"f:preferredDuringSchedulingIgnoredDuringExecution":{}}},
    "f:containers":{"k:{\"name\":\"server\"}":{".":{},"f:args":{},"f:command":{},
     "f:env":{
      "k:{\"name\":\"API_TOKEN\"}":{".":{},"f:name":{},"f:valueFrom":{"f:secretKeyRef":{}}},
      "k:{\"name\":\"MEM_LIMIT\"}":{".":{},"f:name":{},"f:valueFrom":{"f:resourceFieldRef":{}}},
      "k:{\"name\":\"MODE\"}":{".":{},"f:name":{},"f:value":{}},
      "k:{\"name\":\"POD_IP\"}":{".":{},"f:name":{},"f:valueFrom":{"f:fieldRef":{}}},
      "k:{\"name\":\"POD_NAME\"}":{".":{},"f:name":{},"f:valueFrom":{"f:fieldRef":{}}}},
     "f:envFrom":{},"f:image":{},"f:imagePullPolicy":{},
     "f:lifecycle":{"f:preStop":{"f:exec":{"f:command":{}}}},
     "f:livenessProbe":{"f:periodSeconds":{},"f:tcpSocket":{"f:port":{}}},
     "f:name":{},
     "f:ports":{"k:{\"containerPort\":8080,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},
       "f:name":{},"f:protocol":{}}},
     "f:readinessProbe":{"f:failureThreshold":{},
       "f:httpGet":{"f:httpHeaders":{},"f:path":{},"f:port":{},"f:scheme":{}},
       "f:initialDelaySeconds":{},"f:periodSeconds":{},"f:successThreshold":{},
       "f:timeoutSeconds":{}},
     "f:resources":{"f:limits":{"f:cpu":{},"f:memory":{}},"f:requests":{"f:cpu":{},"f:memory":{}}},
     "f:securityContext":{"f:allowPrivilegeEscalation":{},"f:capabilities":{"f:drop":{}},
       "f:readOnlyRootFilesystem":{},"f:runAsNonRoot":{}},
     "f:startupProbe":{"f:exec":{"f:command":{}},"f:failureThreshold":{},"f:periodSeconds":{}},
     "f:terminationMessagePolicy":{},
     "f:volumeMounts":{
      "k:{\"mountPath\":\"/etc/web\"}":{".":{},"f:mountPath":{},"f:name":{},"f:readOnly":{}},
      "k:{\"mountPath\":\"/scratch\"}":{".":{},"f:mountPath":{},"f:name":{}}},
     "f:workingDir":{}}},
    "f:initContainers":{"k:{\"name\":\"wait-config\"}":{".":{},"f:command":{},
     "f:env":{"k:{\"name\":\"GREETING\"}":{".":{},"f:name":{},
       "f:valueFrom":{"f:configMapKeyRef":{}}}},
     "f:image":{},"f:name":{}}},
    "f:nodeSelector":{},"f:serviceAccountName":{},"f:terminationGracePeriodSeconds":{},
    "f:tolerations":{},
    "f:volumes":{
     "k:{\"name\":\"config\"}":{".":{},"f:configMap":{"f:defaultMode":{},"f:items":{},"f:name":{}},
       "f:name":{}},
     "k:{\"name\":\"scratch\"}":{".":{},"f:emptyDir":{"f:sizeLimit":{}},"f:name":{}}}}}}})";

const json small = json::parse(R"({
  "apiVersion":"apps/v1","kind":"Deployment",
  "metadata":{"name":"web","namespace":"default","labels":{"app":"web","tier":"front"}},
  "spec":{"replicas":3,"minReadySeconds":5,"selector":{"matchLabels":{"app":"web"}},
    "template":{"metadata":{"labels":{"app":"web"}},
      "spec":{"containers":[{"name":"nginx","image":"nginx:1.25",
        "ports":[{"containerPort":80}],
        "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}]}}}})");

json& spec_of(json& d) {
  return d["spec"];
}
json& containers_of(json& d) {
  return d["spec"]["template"]["spec"]["containers"];
}

}  // namespace

TEST_CASE("apply creates the object and owns every field it sets, as Kubernetes writes it") {
  json config = fixture_deployment();
  auto created = applied(nullptr, config, as("kubectl", "2026-01-02T03:04:05Z"));
  const auto& fields = created["metadata"]["managedFields"];
  REQUIRE(fields.size() == 1);
  const auto& e = fields[0];
  CHECK(e["manager"] == "kubectl");
  CHECK(e["operation"] == "Apply");
  CHECK(e["apiVersion"] == "apps/v1");
  CHECK(e["time"] == "2026-01-02T03:04:05Z");
  CHECK(e["fieldsType"] == "FieldsV1");
  CHECK_FALSE(e.contains("subresource"));
  CHECK(e["fieldsV1"].dump() == json::parse(web_fields).dump());
  // The object is the configuration plus its managedFields.
  json without = created;
  without["metadata"].erase("managedFields");
  CHECK(without == config);
}

TEST_CASE("re-applying a changed field updates it; an identical apply changes nothing") {
  auto v1 = applied(nullptr, small, as("kubectl", "2026-01-01T00:00:00Z"));
  json changed = small;
  containers_of(changed)[0]["image"] = "nginx:1.27";
  auto v2 = applied(&v1, changed, as("kubectl", "2026-01-01T00:01:00Z"));
  CHECK(containers_of(v2)[0]["image"] == "nginx:1.27");
  CHECK(v2["metadata"]["managedFields"].size() == 1);
  CHECK((*entry(v2, "kubectl", "Apply"))["time"] == "2026-01-01T00:01:00Z");
  CHECK((*entry(v2, "kubectl", "Apply"))["fieldsV1"] ==
        (*entry(v1, "kubectl", "Apply"))["fieldsV1"]);
  auto v3 = applied(&v2, changed, as("kubectl", "2026-01-01T00:02:00Z"));
  CHECK(v3 == v2);  // no-op: not even the time moves
}

TEST_CASE("fields the applier owned and no longer sets are removed") {
  auto v1 = applied(nullptr, small, as("kubectl", "2026-01-01T00:00:00Z"));
  json less = small;
  spec_of(less).erase("minReadySeconds");
  less["metadata"]["labels"].erase("tier");
  containers_of(less)[0]["env"].erase(1);  // B
  auto v2 = applied(&v1, less, as("kubectl", "2026-01-01T00:01:00Z"));
  CHECK_FALSE(v2["spec"].contains("minReadySeconds"));
  CHECK(v2["metadata"]["labels"] == json{{"app", "web"}});
  CHECK(containers_of(v2)[0]["env"] == json::parse(R"([{"name":"A","value":"1"}])"));
  auto fields = (*entry(v2, "kubectl", "Apply"))["fieldsV1"];
  CHECK_FALSE(fields["f:spec"].contains("f:minReadySeconds"));
  // Removing a whole list the applier owned removes it.
  json no_env = less;
  containers_of(no_env)[0].erase("env");
  auto v3 = applied(&v2, no_env, as("kubectl", "2026-01-01T00:02:00Z"));
  CHECK_FALSE(containers_of(v3)[0].contains("env"));
}

TEST_CASE("a field removed from the config stays when another manager owns it") {
  auto v1 = applied(nullptr, small, as("kubectl", "2026-01-01T00:00:00Z"));
  json other = json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
    "metadata":{"name":"web","namespace":"default"},"spec":{"minReadySeconds":5}})");
  auto v2 = applied(&v1, other, as("ops", "2026-01-01T00:01:00Z"));  // same value: shared
  json less = small;
  spec_of(less).erase("minReadySeconds");
  auto v3 = applied(&v2, less, as("kubectl", "2026-01-01T00:02:00Z"));
  CHECK(v3["spec"]["minReadySeconds"] == 5);
  CHECK((*entry(v3, "ops", "Apply"))["fieldsV1"]["f:spec"].contains("f:minReadySeconds"));
}

TEST_CASE("kubectl scale after apply: the next apply with the old replicas conflicts") {
  auto v1 = applied(nullptr, small, as("kubectl", "2026-01-01T00:00:00Z"));
  json scaled = v1;
  scaled["spec"]["replicas"] = 5;
  apply_options scale{"kubectl", false, "apps/v1", "2026-01-01T00:01:00Z", "scale"};
  track_update(&v1, scaled, deployment, scale);
  auto err = apply_fails(&scaled, small, as("kubectl", "2026-01-01T00:02:00Z"));
  CHECK(err.code == apply_errc::conflict);
  CHECK(
      err.message ==
      R"(Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas)");
  REQUIRE(err.causes.size() == 1);
  CHECK(err.causes[0].field == ".spec.replicas");
  CHECK(err.causes[0].message ==
        R"(conflict with "kubectl" with subresource "scale" using apps/v1)");
}

TEST_CASE("the famous case: client-side apply owns replicas, server-side apply conflicts") {
  json live = small;
  apply_options csa{"kubectl-client-side-apply", false, "apps/v1", "2026-01-01T00:00:00Z", ""};
  track_update(nullptr, live, deployment, csa);
  json config = small;
  spec_of(config)["replicas"] = 2;
  auto err = apply_fails(&live, config, as("kubectl", "2026-01-01T00:01:00Z"));
  CHECK(
      err.message ==
      R"(Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas)");
  // Two fields: grouped under the manager, one per line.
  containers_of(config)[0]["image"] = "nginx:2";
  err = apply_fails(&live, config, as("kubectl", "2026-01-01T00:01:00Z"));
  CHECK(err.message ==
        "Apply failed with 2 conflicts: conflicts with "
        "\"kubectl-client-side-apply\" using apps/v1:\n"
        "- .spec.replicas\n"
        "- .spec.template.spec.containers[name=\"nginx\"].image");
  CHECK(err.causes.size() == 2);
  // Same values as live: shared ownership, no conflict.
  auto shared = applied(&live, small, as("kubectl", "2026-01-01T00:02:00Z"));
  CHECK((*entry(shared, "kubectl", "Apply"))["fieldsV1"]["f:spec"].contains("f:replicas"));
  CHECK((*entry(shared, "kubectl-client-side-apply", "Update"))["fieldsV1"]["f:spec"].contains(
      "f:replicas"));
}

TEST_CASE("force takes ownership from the other manager") {
  json live = small;
  track_update(nullptr, live, deployment,
               {"kubectl-client-side-apply", false, "apps/v1", "2026-01-01T00:00:00Z", ""});
  json config = json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
    "metadata":{"name":"web","namespace":"default"},"spec":{"replicas":7}})");
  auto forced = applied(&live, config, as("hpa", "2026-01-01T00:01:00Z", true));
  CHECK(forced["spec"]["replicas"] == 7);
  CHECK((*entry(forced, "hpa", "Apply"))["fieldsV1"] ==
        json::parse(R"({"f:spec":{"f:replicas":{}}})"));
  const auto& csa = (*entry(forced, "kubectl-client-side-apply", "Update"))["fieldsV1"];
  CHECK_FALSE(csa["f:spec"].contains("f:replicas"));
  CHECK(csa["f:spec"].contains("f:minReadySeconds"));
  CHECK(forced["spec"]["template"] == small["spec"]["template"]);  // nothing else pruned
}

TEST_CASE("two appliers own different items of a keyed list") {
  auto v1 = applied(nullptr, small, as("team-a", "2026-01-01T00:00:00Z"));
  json sidecar = json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
    "metadata":{"name":"web","namespace":"default"},
    "spec":{"template":{"spec":{"containers":[{"name":"log","image":"busybox"}]}}}})");
  auto v2 = applied(&v1, sidecar, as("team-b", "2026-01-01T00:01:00Z"));
  REQUIRE(containers_of(v2).size() == 2);
  CHECK(containers_of(v2)[0]["name"] == "nginx");
  CHECK(containers_of(v2)[1]["name"] == "log");
  auto b = (*entry(v2, "team-b", "Apply"))["fieldsV1"]["f:spec"]["f:template"]["f:spec"];
  CHECK(b.dump() ==
        R"({"f:containers":{"k:{\"name\":\"log\"}":{".":{},"f:image":{},"f:name":{}}}})");
  // team-a re-applies its config (without "log"): the sidecar stays, it is team-b's.
  auto v3 = applied(&v2, small, as("team-a", "2026-01-01T00:02:00Z"));
  CHECK(containers_of(v3).size() == 2);
  // team-b drops its item: it goes.
  json nothing = sidecar;
  nothing["spec"]["template"]["spec"]["containers"] = json::array();
  auto v4 = applied(&v3, nothing, as("team-b", "2026-01-01T00:03:00Z"));
  REQUIRE(containers_of(v4).size() == 1);
  CHECK(containers_of(v4)[0]["name"] == "nginx");
}

TEST_CASE("status in an applied config of the main resource is dropped") {
  json config = small;
  config["status"] = {{"replicas", 3}};
  auto created = applied(nullptr, config, as("kubectl", "2026-01-01T00:00:00Z"));
  CHECK_FALSE(created.contains("status"));
  CHECK_FALSE((*entry(created, "kubectl", "Apply"))["fieldsV1"].contains("f:status"));
}

TEST_CASE("an object written before tracking is owned by before-first-apply") {
  json live = small;
  json config = small;
  spec_of(config)["replicas"] = 1;
  auto err = apply_fails(&live, config, as("kubectl", "2026-01-01T00:00:00Z"));
  CHECK(
      err.message ==
      R"(Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas)");
}

TEST_CASE("bad configurations are errors, not crashes") {
  CHECK(apply_fails(nullptr, json::array(), as("m", "t")).code == apply_errc::bad_request);
  json with_fields = small;
  with_fields["metadata"]["managedFields"] = json::array();
  CHECK(apply_fails(nullptr, with_fields, as("m", "t")).code == apply_errc::bad_request);
  json duplicate = small;
  containers_of(duplicate).push_back(containers_of(duplicate)[0]);
  auto err = apply_fails(nullptr, duplicate, as("m", "t"));
  CHECK(err.code == apply_errc::invalid);
  CHECK(err.message.find(R"(duplicate entries for key [name="nginx"])") != std::string::npos);
  json keyless = small;
  containers_of(keyless)[0].erase("name");
  err = apply_fails(nullptr, keyless, as("m", "t"));
  CHECK(err.message.find(R"(omits key field "name")") != std::string::npos);
  json live = small;
  live["metadata"]["managedFields"] = json::parse(R"([{"manager":"x","operation":"Apply",
    "fieldsType":"FieldsV2","fieldsV1":{}}])");
  CHECK(apply_fails(&live, small, as("m", "t")).code == apply_errc::internal);
}
