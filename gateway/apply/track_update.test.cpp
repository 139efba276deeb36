#include "gateway/apply/track_update.hpp"

#include <doctest/doctest.h>

#include "k8s/apps/v1/deployment.pb.h"

using namespace kactor::apply;

namespace {

const auto* deployment = k8s::apps::v1::Deployment::descriptor();

// What `kubectl create deployment nginx --image=nginx` stores (defaults applied).
const json created = json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
  "metadata":{"name":"nginx","namespace":"default","labels":{"app":"nginx"}},
  "spec":{"replicas":1,"selector":{"matchLabels":{"app":"nginx"}},
    "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},
    "template":{"metadata":{"labels":{"app":"nginx"}},
      "spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}}],
        "restartPolicy":"Always"}}}})");

apply_options by(std::string manager, std::string now, std::string subresource = "") {
  return {std::move(manager), false, "apps/v1", std::move(now), std::move(subresource)};
}

}  // namespace

TEST_CASE("create: every field set is owned, '.' only where Go's zero value has nothing") {
  json object = created;
  track_update(nullptr, object, deployment, by("kubectl-create", "2026-01-01T00:00:00Z"));
  const auto& list = object["metadata"]["managedFields"];
  REQUIRE(list.size() == 1);
  CHECK(list[0]["manager"] == "kubectl-create");
  CHECK(list[0]["operation"] == "Update");
  CHECK(list[0]["apiVersion"] == "apps/v1");
  CHECK(list[0]["time"] == "2026-01-01T00:00:00Z");
  CHECK(list[0]["fieldsV1"] == json::parse(R"({
    "f:metadata":{"f:labels":{".":{},"f:app":{}}},
    "f:spec":{"f:replicas":{},"f:selector":{},
      "f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},
      "f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},
        "f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{},
          "f:resources":{}}},"f:restartPolicy":{}}}}})"));
}

TEST_CASE("update: changed fields move to the writer, the rest stays with its owner") {
  json v1 = created;
  track_update(nullptr, v1, deployment, by("kubectl-create", "2026-01-01T00:00:00Z"));
  json v2 = v1;
  v2["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.27";
  v2["metadata"].erase("labels");  // the codec omits an emptied map
  track_update(&v1, v2, deployment, by("kubectl-set", "2026-01-01T00:01:00Z"));
  const auto& list = v2["metadata"]["managedFields"];
  REQUIRE(list.size() == 2);
  CHECK(list[0]["manager"] == "kubectl-create");
  CHECK(list[1]["manager"] == "kubectl-set");
  CHECK(
      list[1]["fieldsV1"].dump() ==
      R"({"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{"f:image":{}}}}}}})");
  const auto& creator = list[0]["fieldsV1"];
  CHECK_FALSE(creator.contains("f:metadata"));  // the removed label (and the emptied map) went
  CHECK(
      creator["f:spec"]["f:template"]["f:spec"]["f:containers"]["k:{\"name\":\"nginx\"}"].contains(
          "f:name"));
  CHECK_FALSE(
      creator["f:spec"]["f:template"]["f:spec"]["f:containers"]["k:{\"name\":\"nginx\"}"].contains(
          "f:image"));
  // A write that changes nothing keeps the entries (and times) as they were.
  json v3 = v2;
  track_update(&v2, v3, deployment, by("kubectl-set", "2026-01-01T00:05:00Z"));
  CHECK(v3 == v2);
}

TEST_CASE("status writes are tracked under the status subresource only") {
  json v1 = created;
  track_update(nullptr, v1, deployment, by("kubectl-create", "2026-01-01T00:00:00Z"));
  json v2 = v1;
  v2["status"] = {{"replicas", 1}, {"readyReplicas", 1}};
  track_update(&v1, v2, deployment,
               by("kube-controller-manager", "2026-01-01T00:00:02Z", "status"));
  const auto& list = v2["metadata"]["managedFields"];
  REQUIRE(list.size() == 2);
  CHECK(list[1]["subresource"] == "status");
  CHECK(list[1]["fieldsV1"] ==
        json::parse(R"({"f:status":{"f:readyReplicas":{},"f:replicas":{}}})"));
  // A main-resource write never owns status.
  json v3 = v1;
  v3["status"] = {{"replicas", 9}};
  track_update(&v1, v3, deployment, by("someone", "2026-01-01T00:00:03Z"));
  CHECK(v3["metadata"]["managedFields"].size() == 1);
}

TEST_CASE("sent managedFields are kept, [{}] resets them, no manager keeps the old ones") {
  json v1 = created;
  track_update(nullptr, v1, deployment, by("a", "2026-01-01T00:00:00Z"));
  json v2 = v1;
  v2["metadata"]["managedFields"] = json::parse("[{}]");
  v2["spec"]["replicas"] = 2;
  track_update(&v1, v2, deployment, by("b", "2026-01-01T00:01:00Z"));
  REQUIRE(v2["metadata"]["managedFields"].size() == 1);
  CHECK(v2["metadata"]["managedFields"][0]["manager"] == "b");
  json v3 = v1;
  v3["metadata"].erase("managedFields");
  track_update(&v1, v3, deployment, by("", "2026-01-01T00:02:00Z"));
  CHECK(v3["metadata"]["managedFields"] == v1["metadata"]["managedFields"]);
}
