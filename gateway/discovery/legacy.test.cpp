#include "gateway/discovery/legacy.hpp"

#include <doctest/doctest.h>

using namespace kactor::discovery;
using kactor::messages::json;
using kactor::messages::registry;

namespace {
const json* entry(const json& list, std::string_view name) {
  for (const auto& r : list["resources"])
    if (r["name"] == name) return &r;
  return nullptr;
}
}  // namespace

TEST_CASE("APIVersions names v1 and the server address") {
  json doc = api_versions("127.0.0.1:6443");
  CHECK(doc == json::parse(R"({"kind":"APIVersions","versions":["v1"],
    "serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:6443"}]})"));
  CHECK(api_versions("")["serverAddressByClientCIDRs"] == json::array());
}

TEST_CASE("APIGroupList: each group once, preferred version first") {
  json doc = api_group_list(registry::generated());
  CHECK(doc["kind"] == "APIGroupList");
  CHECK(doc["apiVersion"] == "v1");
  const json* autoscaling = nullptr;
  for (const auto& g : doc["groups"]) {
    CHECK(g["name"] != "");
    if (g["name"] == "autoscaling") autoscaling = &g;
  }
  REQUIRE(autoscaling != nullptr);
  CHECK(autoscaling->at("versions") ==
        json::parse(R"([{"groupVersion":"autoscaling/v2","version":"v2"},
                        {"groupVersion":"autoscaling/v1","version":"v1"}])"));
  CHECK(autoscaling->at("preferredVersion") ==
        json{{"groupVersion", "autoscaling/v2"}, {"version", "v2"}});
}

TEST_CASE("APIGroup for one group; none for unknown groups or core") {
  auto apps = api_group(registry::generated(), "apps");
  REQUIRE(apps);
  CHECK(apps->at("kind") == "APIGroup");
  CHECK(apps->at("name") == "apps");
  CHECK(apps->at("preferredVersion")["groupVersion"] == "apps/v1");
  CHECK_FALSE(api_group(registry::generated(), "metrics.k8s.io"));
  CHECK_FALSE(api_group(registry::generated(), ""));
}

TEST_CASE("/api/v1 advertises pods/eviction in group policy, as drain checks") {
  auto list = api_resource_list(registry::generated(), "", "v1");
  REQUIRE(list);
  CHECK(list->at("kind") == "APIResourceList");
  CHECK(list->at("apiVersion") == "v1");
  CHECK(list->at("groupVersion") == "v1");
  const json* eviction = entry(*list, "pods/eviction");
  REQUIRE(eviction != nullptr);
  CHECK(*eviction == json::parse(R"({"name":"pods/eviction","singularName":"","namespaced":true,
    "group":"policy","version":"v1","kind":"Eviction","verbs":["create"]})"));
  const json* exec = entry(*list, "pods/exec");
  REQUIRE(exec != nullptr);
  CHECK_FALSE(exec->contains("group"));
  CHECK(exec->at("kind") == "PodExecOptions");
  CHECK(exec->at("verbs") == json::array({"create", "get"}));
  const json* pods = entry(*list, "pods");
  REQUIRE(pods != nullptr);
  CHECK(pods->at("singularName") == "pod");
  CHECK(pods->at("kind") == "Pod");
  CHECK(pods->at("shortNames") == json::array({"po"}));
  CHECK(pods->at("categories") == json::array({"all"}));
  CHECK(entry(*list, "serviceaccounts/token")->at("group") == "authentication.k8s.io");
}

TEST_CASE("APIResourceList entries are sorted by name") {
  auto list = api_resource_list(registry::generated(), "", "v1");
  REQUIRE(list);
  std::vector<std::string> names;
  for (const auto& r : list->at("resources"))
    names.push_back(r["name"]);
  CHECK(std::is_sorted(names.begin(), names.end()));
}

TEST_CASE("apps/v1: deployments/scale names autoscaling/v1 Scale") {
  auto list = api_resource_list(registry::generated(), "apps", "v1");
  REQUIRE(list);
  CHECK(list->at("groupVersion") == "apps/v1");
  const json* scale = entry(*list, "deployments/scale");
  REQUIRE(scale != nullptr);
  CHECK(scale->at("group") == "autoscaling");
  CHECK(scale->at("version") == "v1");
  CHECK(scale->at("kind") == "Scale");
  const json* status = entry(*list, "deployments/status");
  REQUIRE(status != nullptr);
  CHECK_FALSE(status->contains("group"));
  CHECK(status->at("kind") == "Deployment");
}

TEST_CASE("no APIResourceList for group-versions the registry does not serve") {
  CHECK_FALSE(api_resource_list(registry::generated(), "metrics.k8s.io", "v1beta1"));
  CHECK_FALSE(api_resource_list(registry::generated(), "apps", "v1beta1"));
}
