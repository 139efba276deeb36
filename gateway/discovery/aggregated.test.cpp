#include "gateway/discovery/aggregated.hpp"

#include <doctest/doctest.h>

using namespace kactor::discovery;
using kactor::messages::json;
using kactor::messages::registry;

namespace {

const json* find_item(const json& list, std::string_view group) {
  for (const auto& item : list["items"])
    if (item["metadata"].value("name", "") == group) return &item;
  return nullptr;
}

const json* find_resource(const json& version, std::string_view plural) {
  for (const auto& r : version["resources"])
    if (r["resource"] == plural) return &r;
  return nullptr;
}

const json* find_subresource(const json& resource, std::string_view name) {
  for (const auto& s : resource["subresources"])
    if (s["subresource"] == name) return &s;
  return nullptr;
}

}  // namespace

TEST_CASE("/api lists the core group as its only item, metadata without a name") {
  json list = aggregated_core(registry::generated(), aggregated_v2_api_version);
  CHECK(list["kind"] == "APIGroupDiscoveryList");
  CHECK(list["apiVersion"] == "apidiscovery.k8s.io/v2");
  CHECK(list["metadata"] == json::object());
  REQUIRE(list["items"].size() == 1);
  const json& core = list["items"][0];
  CHECK(core["metadata"] == json::object());
  REQUIRE(core["versions"].size() == 1);
  CHECK(core["versions"][0]["version"] == "v1");
  CHECK(core["versions"][0]["freshness"] == "Current");
}

TEST_CASE("pods: shortNames po, category all, scope, singular, sorted verbs, subresources") {
  json list = aggregated_core(registry::generated(), aggregated_v2_api_version);
  const json* pods = find_resource(list["items"][0]["versions"][0], "pods");
  REQUIRE(pods != nullptr);
  CHECK(pods->at("responseKind") == json{{"group", ""}, {"version", "v1"}, {"kind", "Pod"}});
  CHECK(pods->at("scope") == "Namespaced");
  CHECK(pods->at("singularResource") == "pod");
  CHECK(pods->at("shortNames") == json::array({"po"}));
  CHECK(pods->at("categories") == json::array({"all"}));
  CHECK(pods->at("verbs") == json::array({"create", "delete", "deletecollection", "get", "list",
                                          "patch", "update", "watch"}));
  const json* eviction = find_subresource(*pods, "eviction");
  REQUIRE(eviction != nullptr);
  CHECK(eviction->at("responseKind") ==
        json{{"group", "policy"}, {"version", "v1"}, {"kind", "Eviction"}});
  CHECK(eviction->at("verbs") == json::array({"create"}));
  const json* log = find_subresource(*pods, "log");
  REQUIRE(log != nullptr);
  CHECK(log->at("responseKind")["kind"] == "Pod");
}

TEST_CASE("cluster-scoped resources and resources without short names") {
  json list = aggregated_core(registry::generated(), aggregated_v2_api_version);
  const json& v1 = list["items"][0]["versions"][0];
  const json* nodes = find_resource(v1, "nodes");
  REQUIRE(nodes != nullptr);
  CHECK(nodes->at("scope") == "Cluster");
  const json* secrets = find_resource(v1, "secrets");
  REQUIRE(secrets != nullptr);
  CHECK_FALSE(secrets->contains("shortNames"));
  CHECK_FALSE(secrets->contains("categories"));
  CHECK_FALSE(secrets->contains("subresources"));
}

TEST_CASE("/apis: deployments/scale answers autoscaling/v1 Scale") {
  json list = aggregated_groups(registry::generated(), aggregated_v2_api_version);
  const json* apps = find_item(list, "apps");
  REQUIRE(apps != nullptr);
  const json* deployments = find_resource(apps->at("versions")[0], "deployments");
  REQUIRE(deployments != nullptr);
  CHECK(deployments->at("shortNames") == json::array({"deploy"}));
  const json* scale = find_subresource(*deployments, "scale");
  REQUIRE(scale != nullptr);
  CHECK(scale->at("responseKind") ==
        json{{"group", "autoscaling"}, {"version", "v1"}, {"kind", "Scale"}});
  CHECK(scale->at("verbs") == json::array({"get", "patch", "update"}));
  const json* status = find_subresource(*deployments, "status");
  REQUIRE(status != nullptr);
  CHECK(status->at("responseKind")["kind"] == "Deployment");
}

TEST_CASE("/apis: autoscaling lists v2 before v1 (the first version is preferred)") {
  json list = aggregated_groups(registry::generated(), aggregated_v2_api_version);
  const json* autoscaling = find_item(list, "autoscaling");
  REQUIRE(autoscaling != nullptr);
  REQUIRE(autoscaling->at("versions").size() == 2);
  CHECK(autoscaling->at("versions")[0]["version"] == "v2");
  CHECK(autoscaling->at("versions")[1]["version"] == "v1");
}

TEST_CASE("/apis holds every non-core group once, without core and without metrics") {
  json list = aggregated_groups(registry::generated(), aggregated_v2beta1_api_version);
  CHECK(list["apiVersion"] == "apidiscovery.k8s.io/v2beta1");
  std::vector<std::string> names;
  for (const auto& item : list["items"])
    names.push_back(item["metadata"]["name"]);
  CHECK(std::is_sorted(names.begin(), names.end()));
  CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
  CHECK(std::find(names.begin(), names.end(), "") == names.end());
  CHECK(std::find(names.begin(), names.end(), "metrics.k8s.io") == names.end());
  for (const char* group : {"apps", "batch", "policy", "rbac.authorization.k8s.io"})
    CHECK(std::find(names.begin(), names.end(), group) != names.end());
}

TEST_CASE("category all covers the workload resources kubectl get all lists") {
  const registry& reg = registry::generated();
  json core = aggregated_core(reg, aggregated_v2_api_version);
  json groups = aggregated_groups(reg, aggregated_v2_api_version);
  std::vector<std::string> all;
  auto collect = [&](const json& item) {
    // kubectl expands a category with each group's preferred (first) version only.
    for (const auto& r : item["versions"][0]["resources"])
      if (r.contains("categories") && r["categories"] == json::array({"all"}))
        all.push_back(r["resource"]);
  };
  collect(core["items"][0]);
  for (const auto& item : groups["items"])
    collect(item);
  CHECK(all == std::vector<std::string>{"pods", "replicationcontrollers", "services", "daemonsets",
                                        "deployments", "replicasets", "statefulsets",
                                        "horizontalpodautoscalers", "cronjobs", "jobs"});
}
