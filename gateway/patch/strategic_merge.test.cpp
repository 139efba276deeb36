#include "gateway/patch/strategic_merge.hpp"

#include <doctest/doctest.h>

#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/node.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "k8s/core/v1/service.pb.h"
#include "k8s/policy/v1/disruption.pb.h"

using namespace kactor::patch;

namespace {

const auto* deployment = k8s::apps::v1::Deployment::descriptor();
const auto* pod = k8s::core::v1::Pod::descriptor();

json smp(const json& original, const json& patch, const google::protobuf::Descriptor* kind) {
  auto r = apply_strategic_merge_patch(original, patch, kind);
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
  return *r;
}

patch_error smp_error(const json& original, const json& patch,
                      const google::protobuf::Descriptor* kind) {
  auto r = apply_strategic_merge_patch(original, patch, kind);
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

const json web = json::parse(R"({
  "apiVersion":"apps/v1","kind":"Deployment",
  "metadata":{"name":"web","namespace":"default","resourceVersion":"1067",
    "annotations":{"deployment.kubernetes.io/revision":"1"}},
  "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
    "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
    "template":{"metadata":{"labels":{"app":"web"}},
      "spec":{"containers":[
        {"name":"nginx","image":"nginx:1.25","args":["-g","daemon off;"],
         "ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443,"protocol":"TCP"}],
         "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
         "volumeMounts":[{"name":"data","mountPath":"/data"}]},
        {"name":"log","image":"busybox"}],
      "volumes":[{"name":"data","emptyDir":{}},{"name":"conf","configMap":{"name":"web"}}]}}}})");

const json& containers_of(const json& d) {
  return d["spec"]["template"]["spec"]["containers"];
}

}  // namespace

TEST_CASE("kubectl set image: containers merge by name and keep everything else") {
  auto patched = smp(web, json::parse(R"({"spec":{"template":{"spec":{
    "$setElementOrder/containers":[{"name":"nginx"},{"name":"log"}],
    "containers":[{"image":"nginx:1.27","name":"nginx"}]}}}})"),
                     deployment);
  const auto& c = containers_of(patched);
  REQUIRE(c.size() == 2);
  CHECK(c[0]["name"] == "nginx");
  CHECK(c[0]["image"] == "nginx:1.27");
  CHECK(c[0]["ports"] == containers_of(web)[0]["ports"]);
  CHECK(c[1] == containers_of(web)[1]);
  CHECK(patched["spec"]["replicas"] == 2);
  CHECK_FALSE(patched["spec"]["template"]["spec"].contains("$setElementOrder/containers"));
}

TEST_CASE("kubectl rollout restart: an annotation on the pod template") {
  auto patched = smp(web, json::parse(R"({"spec":{"template":{"metadata":{"annotations":{
    "kubectl.kubernetes.io/restartedAt":"2026-01-02T03:04:05Z"}}}}})"),
                     deployment);
  CHECK(patched["spec"]["template"]["metadata"]["annotations"] ==
        json::parse(R"({"kubectl.kubernetes.io/restartedAt":"2026-01-02T03:04:05Z"})"));
  CHECK(patched["spec"]["template"]["metadata"]["labels"]["app"] == "web");
  CHECK(containers_of(patched) == containers_of(web));
}

TEST_CASE("kubectl apply: replicas, $setElementOrder reordering and the last-applied annotation") {
  auto patched = smp(web, json::parse(R"({
    "metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}\n"}},
    "spec":{"replicas":3,"template":{"spec":{
      "$setElementOrder/containers":[{"name":"log"},{"name":"nginx"}],
      "containers":[{"image":"nginx:1.26","name":"nginx"}]}}}})"),
                     deployment);
  CHECK(patched["spec"]["replicas"] == 3);
  CHECK(patched["metadata"]["annotations"].size() == 2);
  const auto& c = containers_of(patched);
  CHECK(c[0]["name"] == "log");
  CHECK(c[1]["name"] == "nginx");
  CHECK(c[1]["image"] == "nginx:1.26");
}

TEST_CASE("env merges by name, ports by containerPort, volumeMounts by mountPath") {
  auto patched = smp(web, json::parse(R"({"spec":{"template":{"spec":{"containers":[
    {"name":"nginx",
     "env":[{"name":"B","value":"two"},{"name":"C","value":"3"}],
     "ports":[{"containerPort":443,"name":"https"}],
     "volumeMounts":[{"mountPath":"/data","readOnly":true}]}]}}}})"),
                     deployment);
  const auto& nginx = containers_of(patched)[0];
  CHECK(nginx["env"] == json::parse(R"([{"name":"A","value":"1"},{"name":"B","value":"two"},
    {"name":"C","value":"3"}])"));
  CHECK(nginx["ports"] == json::parse(R"([{"containerPort":80,"protocol":"TCP"},
    {"containerPort":443,"protocol":"TCP","name":"https"}])"));
  CHECK(nginx["volumeMounts"] == json::parse(R"([{"name":"data","mountPath":"/data",
    "readOnly":true}])"));
  CHECK(nginx["args"] == containers_of(web)[0]["args"]);
}

TEST_CASE("lists without a merge strategy are replaced; null deletes members") {
  auto patched = smp(web, json::parse(R"({"spec":{"template":{"spec":{"containers":[
    {"name":"nginx","args":["-c","/etc/nginx.conf"],"env":null}]}}}})"),
                     deployment);
  const auto& nginx = containers_of(patched)[0];
  CHECK(nginx["args"] == json::parse(R"(["-c","/etc/nginx.conf"])"));
  CHECK_FALSE(nginx.contains("env"));
  auto no_strategy = smp(web, json::parse(R"({"spec":{"strategy":null}})"), deployment);
  CHECK_FALSE(no_strategy["spec"].contains("strategy"));
}

TEST_CASE("items the live list lacks come before the live ones without $setElementOrder") {
  auto patched = smp(web, json::parse(R"({"spec":{"template":{"spec":{"containers":[
    {"name":"proxy","image":"envoy"}]}}}})"),
                     deployment);
  const auto& c = containers_of(patched);
  REQUIRE(c.size() == 3);
  CHECK(c[0]["name"] == "proxy");
  CHECK(c[1]["name"] == "nginx");
  CHECK(c[2]["name"] == "log");
}

TEST_CASE("$setElementOrder places new items and keeps server-only ones in live order") {
  json original = json::parse(R"({"spec":{"containers":[{"name":"a"},{"name":"b","x":1}]}})");
  auto patched = smp(original, json::parse(R"({"spec":{
    "$setElementOrder/containers":[{"name":"c"},{"name":"a"},{"name":"b"}],
    "containers":[{"name":"c","image":"c"}]}})"),
                     pod);
  CHECK(patched["spec"]["containers"] ==
        json::parse(R"([{"name":"c","image":"c"},{"name":"a"},{"name":"b","x":1}])"));
  json live = json::parse(R"({"spec":{"containers":[{"name":"a"},{"name":"d"},{"name":"b"}]}})");
  auto with_server_only = smp(live, json::parse(R"({"spec":{
    "$setElementOrder/containers":[{"name":"a"},{"name":"b"},{"name":"c"}],
    "containers":[{"name":"c"}]}})"),
                              pod);
  CHECK(with_server_only["spec"]["containers"] ==
        json::parse(R"([{"name":"a"},{"name":"d"},{"name":"b"},{"name":"c"}])"));
}

TEST_CASE("$setElementOrder orders by the live list as the merge left it, like Kubernetes") {
  // Kubernetes deletes "a" and appends "c" in the live list's own array, then orders the
  // server-only "d" against that array ([b, d, c]): "d" lands before "c".
  json live = json::parse(R"({"spec":{"containers":[{"name":"a"},{"name":"b","x":1},
    {"name":"d","x":2}]}})");
  auto patched = smp(live, json::parse(R"({"spec":{
    "$setElementOrder/containers":[{"name":"b"},{"name":"c"}],
    "containers":[{"name":"c"},{"name":"a","$patch":"delete"}]}})"),
                     pod);
  CHECK(patched["spec"]["containers"] ==
        json::parse(R"([{"name":"b","x":1},{"name":"d","x":2},{"name":"c"}])"));
}

TEST_CASE("$patch: delete removes list items by key and whole objects") {
  auto patched = smp(web, json::parse(R"({"spec":{"template":{"spec":{
    "containers":[{"name":"log","$patch":"delete"}],
    "volumes":[{"name":"conf","$patch":"delete"}]}}}})"),
                     deployment);
  REQUIRE(containers_of(patched).size() == 1);
  CHECK(containers_of(patched)[0]["name"] == "nginx");
  CHECK(patched["spec"]["template"]["spec"]["volumes"] ==
        json::parse(R"([{"name":"data","emptyDir":{}}])"));
  auto no_strategy =
      smp(web, json::parse(R"({"spec":{"strategy":{"$patch":"delete"}}})"), deployment);
  CHECK(no_strategy["spec"]["strategy"] == json::object());
}

TEST_CASE("$patch: replace replaces an object or a whole merging list") {
  auto patched = smp(web, json::parse(R"({"spec":{"strategy":{"$patch":"replace",
    "type":"Recreate"}}})"),
                     deployment);
  CHECK(patched["spec"]["strategy"] == json::parse(R"({"type":"Recreate"})"));
  auto list = smp(web, json::parse(R"({"spec":{"template":{"spec":{"containers":[
    {"name":"only","image":"x"},{"$patch":"replace"}]}}}})"),
                  deployment);
  CHECK(containers_of(list) == json::parse(R"([{"name":"only","image":"x"}])"));
}

TEST_CASE("$retainKeys clears the members a volume source no longer has") {
  auto patched = smp(web, json::parse(R"({"spec":{"template":{"spec":{"volumes":[
    {"name":"data","$retainKeys":["hostPath","name"],"hostPath":{"path":"/srv"}}]}}}})"),
                     deployment);
  CHECK(patched["spec"]["template"]["spec"]["volumes"][0] ==
        json::parse(R"({"name":"data","hostPath":{"path":"/srv"}})"));
  auto strategy = smp(web, json::parse(R"({"spec":{"strategy":{"$retainKeys":["type"],
    "type":"Recreate"}}})"),
                      deployment);
  CHECK(strategy["spec"]["strategy"] == json::parse(R"({"type":"Recreate"})"));
  auto bad = smp_error(web, json::parse(R"({"spec":{"strategy":{"$retainKeys":["type"],
    "rollingUpdate":{}}}})"),
                       deployment);
  CHECK(bad.code == patch_errc::bad_request);
  CHECK(bad.message == "invalid patch format of retainKeys");
}

TEST_CASE("primitive lists with strategy merge are sets; $deleteFromPrimitiveList removes") {
  json obj = json::parse(R"({"metadata":{"name":"x","finalizers":["a","b"]}})");
  auto added = smp(obj, json::parse(R"({"metadata":{"finalizers":["b","c"]}})"), pod);
  CHECK(added["metadata"]["finalizers"] == json::parse(R"(["a","b","c"])"));
  auto removed = smp(obj, json::parse(R"({"metadata":{
    "$deleteFromPrimitiveList/finalizers":["a","zzz"]}})"),
                     pod);
  CHECK(removed["metadata"]["finalizers"] == json::parse(R"(["b"])"));
  auto nothing =
      smp(json::parse(R"({"metadata":{"name":"x"}})"),
          json::parse(R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}})"), pod);
  CHECK_FALSE(nothing["metadata"].contains("finalizers"));
}

TEST_CASE("$setElementOrder with $deleteFromPrimitiveList orders, then deletes") {
  json obj = json::parse(R"({"metadata":{"finalizers":["a","b","c"]}})");
  auto patched = smp(obj, json::parse(R"({"metadata":{"$setElementOrder/finalizers":["b","a"],
    "$deleteFromPrimitiveList/finalizers":["c"]}})"),
                     pod);
  CHECK(patched["metadata"]["finalizers"] == json::parse(R"(["b","a"])"));
}

TEST_CASE("members of inlined fields carry their patch metadata (ephemeral containers)") {
  json obj = json::parse(R"({"spec":{"ephemeralContainers":[{"name":"debug","image":"busybox",
    "env":[{"name":"A","value":"1"}],"targetContainerName":"web"}]}})");
  auto patched = smp(obj, json::parse(R"({"spec":{"ephemeralContainers":[{"name":"debug",
    "env":[{"name":"B","value":"2"}]}]}})"),
                     pod);
  // Merged by name (a new item goes first without $setElementOrder, as in Kubernetes).
  CHECK(patched["spec"]["ephemeralContainers"][0]["env"] ==
        json::parse(R"([{"name":"B","value":"2"},{"name":"A","value":"1"}])"));
  CHECK(patched["spec"]["ephemeralContainers"][0]["targetContainerName"] == "web");
}

TEST_CASE("owner references merge by uid; conditions by type") {
  json obj = json::parse(R"({"metadata":{"ownerReferences":[{"uid":"1","name":"a"}]},
    "status":{"conditions":[{"type":"Ready","status":"False"},{"type":"PodScheduled","status":"True"}]}})");
  auto patched = smp(obj, json::parse(R"({"metadata":{"ownerReferences":[{"uid":"2","name":"b"}]},
    "status":{"conditions":[{"type":"Ready","status":"True"}]}})"),
                     pod);
  CHECK(patched["metadata"]["ownerReferences"].size() == 2);
  CHECK(patched["status"]["conditions"] == json::parse(R"([{"type":"Ready","status":"True"},
    {"type":"PodScheduled","status":"True"}])"));
}

TEST_CASE("service ports merge by port") {
  json svc = json::parse(R"({"spec":{"ports":[{"port":80,"targetPort":8080,"protocol":"TCP"},
    {"port":9090,"protocol":"TCP"}],"selector":{"app":"web"}}})");
  auto patched = smp(svc, json::parse(R"({"spec":{"ports":[{"port":80,"nodePort":30080}],
    "selector":{"tier":"front"}}})"),
                     k8s::core::v1::Service::descriptor());
  CHECK(patched["spec"]["ports"] == json::parse(R"([{"port":80,"targetPort":8080,
    "protocol":"TCP","nodePort":30080},{"port":9090,"protocol":"TCP"}])"));
  CHECK(patched["spec"]["selector"] == json::parse(R"({"app":"web","tier":"front"})"));
}

TEST_CASE("cordon and uncordon a node") {
  json node = json::parse(R"({"metadata":{"name":"node1"},"spec":{"podCIDR":"10.244.0.0/24"}})");
  const auto* kind = k8s::core::v1::Node::descriptor();
  auto cordoned = smp(node, json::parse(R"({"spec":{"unschedulable":true}})"), kind);
  CHECK(cordoned["spec"] == json::parse(R"({"podCIDR":"10.244.0.0/24","unschedulable":true})"));
  auto uncordoned = smp(cordoned, json::parse(R"({"spec":{"unschedulable":null}})"), kind);
  CHECK(uncordoned["spec"] == json::parse(R"({"podCIDR":"10.244.0.0/24"})"));
}

TEST_CASE("a replace strategy field is replaced, not merged") {
  json pdb = json::parse(R"({"spec":{"selector":{"matchLabels":{"app":"web","tier":"a"}}}})");
  auto patched = smp(pdb, json::parse(R"({"spec":{"selector":{"matchLabels":{"app":"db"}}}})"),
                     k8s::policy::v1::PodDisruptionBudget::descriptor());
  CHECK(patched["spec"]["selector"] == json::parse(R"({"matchLabels":{"app":"db"}})"));
}

TEST_CASE("members the schema does not know merge as plain JSON") {
  json obj = json::parse(R"({"metadata":{"name":"x"},"extra":{"list":[1,2],"keep":true}})");
  auto patched = smp(obj, json::parse(R"({"extra":{"list":[3]}})"), pod);
  CHECK(patched["extra"] == json::parse(R"({"list":[3],"keep":true})"));
}

TEST_CASE("what a patch adds wholesale carries no nulls or directives") {
  json obj = json::parse(R"({"metadata":{"name":"x"}})");
  auto patched = smp(obj, json::parse(R"({"spec":{"nodeName":null,"containers":[
    {"name":"a","$setElementOrder/env":[{"name":"E"}],"env":[{"name":"E","value":"1"}]}]}})"),
                     pod);
  CHECK(patched["spec"] == json::parse(R"({"containers":[{"name":"a",
    "env":[{"name":"E","value":"1"}]}]})"));
}

TEST_CASE("errors carry Kubernetes' texts and codes") {
  auto e = smp_error(web, json::parse(R"({"spec":{"template":{"spec":{"containers":[
    {"image":"x"}]}}}})"),
                     deployment);
  CHECK(e.code == patch_errc::unknown);
  CHECK(e.message == "map: map[image:x] does not contain declared merge key: name");

  e = smp_error(web, json::parse(R"({"spec":{"strategy":{"$patch":"merge"}}})"), deployment);
  CHECK(e.message == "unknown patch type: merge in map: map[$patch:merge]");

  e = smp_error(web, json::parse(R"({"spec":{"template":{"spec":{"containers":[
    {"name":"nginx","$patch":"merge"}]}}}})"),
                deployment);
  CHECK(e.message == "merging lists cannot yet be specified in the patch");

  e = smp_error(json::parse(R"({"metadata":{"finalizers":[["a"]]}})"),
                json::parse(R"({"metadata":{"finalizers":[["b"]]}})"), pod);
  CHECK(e.code == patch_errc::unprocessable);
  CHECK(e.message == "lists of lists are not supported");

  e = smp_error(json::parse(R"({"metadata":{"finalizers":["a"]}})"),
                json::parse(R"({"metadata":{"finalizers":[1]}})"), pod);
  CHECK(e.message == "list element types are not identical: [[a] [1]]");

  e = smp_error(web, json::parse(R"({"spec":{"$setElementOrderx":[]}})"), deployment);
  CHECK(e.code == patch_errc::bad_request);
  CHECK(e.message == "invalid patch format of setElementOrder list");

  e = smp_error(web, json::parse(R"({"metadata":{"$deleteFromPrimitiveListx":["a"]}})"),
                deployment);
  CHECK(e.message == "invalid patch format of primitive list");

  e = smp_error(web, json::parse(R"({"spec":{"template":{"spec":{
    "$setElementOrder/containers":[{"name":"log"}],
    "containers":[{"name":"nginx","image":"x"}]}}}})"),
                deployment);
  CHECK(
      e.message.starts_with("The order in patch list:\n[map[image:x name:nginx]]\n doesn't match"));

  e = smp_error(json::array(), json::object(), deployment);
  CHECK(e.code == patch_errc::bad_request);
  CHECK(e.message == "invalid JSON document");
}
