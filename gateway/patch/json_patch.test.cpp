#include "gateway/patch/json_patch.hpp"

#include <doctest/doctest.h>

using namespace kactor::patch;

namespace {
const json deployment = json::parse(R"({"metadata":{"name":"web","annotations":{
  "deployment.kubernetes.io/revision":"3","kubectl.kubernetes.io/restartedAt":"x"}},
  "spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"web","pod-template-hash":"abc"}},
  "spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}})");
}

TEST_CASE("kubectl rollout undo: replace the pod template and the annotations") {
  auto r = apply_json_patch(deployment, json::parse(R"([
    {"op":"replace","path":"/spec/template","value":{"metadata":{"labels":{"app":"web"}},
      "spec":{"containers":[{"name":"nginx","image":"nginx:1.25"}]}}},
    {"op":"replace","path":"/metadata/annotations","value":{
      "deployment.kubernetes.io/revision":"3"}}])"));
  REQUIRE(r.has_value());
  CHECK((*r)["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.25");
  CHECK((*r)["spec"]["template"]["metadata"]["labels"] == json::parse(R"({"app":"web"})"));
  CHECK((*r)["metadata"]["annotations"].size() == 1);
  CHECK((*r)["spec"]["replicas"] == 2);
}

TEST_CASE("every RFC 6902 operation, applied in order") {
  auto r = apply_json_patch(json::parse(R"({"a":{"b":1},"list":[1,2]})"), json::parse(R"([
    {"op":"add","path":"/list/-","value":3},
    {"op":"test","path":"/a/b","value":1},
    {"op":"copy","from":"/a","path":"/c"},
    {"op":"move","from":"/a/b","path":"/d"},
    {"op":"remove","path":"/list/0"}])"));
  REQUIRE(r.has_value());
  CHECK(*r == json::parse(R"({"a":{},"list":[2,3],"c":{"b":1},"d":1})"));
}

TEST_CASE("operations that do not apply are 422 with the failing operation named") {
  auto r = apply_json_patch(
      deployment, json::parse(R"([{"op":"replace","path":"/spec/paused","value":true}])"));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == patch_errc::unprocessable);
  CHECK(r.error().message == "replace operation does not apply: doc is missing path: /spec/paused");
  r = apply_json_patch(deployment,
                       json::parse(R"([{"op":"test","path":"/spec/replicas","value":5}])"));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message == "testing value /spec/replicas failed");
  r = apply_json_patch(deployment, json::parse(R"([{"op":"frobnicate","path":"/x"}])"));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message == "Unexpected kind: frobnicate");
  r = apply_json_patch(deployment, json::parse(R"([{"op":"add","path":"/x"}])"));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message == "add operation does not apply: missing value");
}

TEST_CASE("a JSON patch that is not an array is a bad request") {
  auto r = apply_json_patch(deployment, json::parse(R"({"op":"add"})"));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == patch_errc::bad_request);
  CHECK(r.error().message == "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
}

TEST_CASE("merge patch: labels added and removed, scale, lists replaced") {
  auto labeled =
      apply_merge_patch(deployment, json::parse(R"({"metadata":{"labels":{"a":"b"},"annotations":{
        "kubectl.kubernetes.io/restartedAt":null}}})"));
  CHECK(labeled["metadata"]["labels"] == json::parse(R"({"a":"b"})"));
  CHECK(labeled["metadata"]["annotations"].size() == 1);
  auto scaled = apply_merge_patch(deployment, json::parse(R"({"spec":{"replicas":5}})"));
  CHECK(scaled["spec"]["replicas"] == 5);
  auto replaced = apply_merge_patch(deployment, json::parse(R"({"spec":{"template":{"spec":{
    "containers":[{"name":"other"}]}}}})"));
  CHECK(replaced["spec"]["template"]["spec"]["containers"] == json::parse(R"([{"name":"other"}])"));
  CHECK(apply_merge_patch(deployment, json::parse("[1]")) == json::parse("[1]"));
}
