#include "gateway/openapi/paths.hpp"

#include <doctest/doctest.h>

using namespace kactor::openapi;
using kactor::messages::json;
using kactor::messages::registry;

namespace {

struct built {
  kind_index kinds = kind_index::from(registry::generated());
  schema_builder schemas{kinds};
  json paths;
};

built build(const char* group, const char* version, paths_options options = {}) {
  built out;
  out.paths = group_version_paths(registry::generated(), {group, version}, options, out.schemas);
  return out;
}

std::vector<std::string> methods(const json& path) {
  std::vector<std::string> out;
  for (const auto& [key, value] : path.items())
    if (key != "parameters") out.push_back(key);
  return out;
}

}  // namespace

TEST_CASE("tags and operationId stems") {
  CHECK(group_version_tag("", "v1") == "core_v1");
  CHECK(group_version_tag("apps", "v1") == "apps_v1");
  CHECK(group_version_tag("rbac.authorization.k8s.io", "v1") == "rbacAuthorization_v1");
  CHECK(group_version_tag("networking.k8s.io", "v1") == "networking_v1");
  CHECK(operation_stem("", "v1") == "CoreV1");
  CHECK(operation_stem("autoscaling", "v2") == "AutoscalingV2");
  CHECK(operation_stem("rbac.authorization.k8s.io", "v1") == "RbacAuthorizationV1");
}

TEST_CASE("a namespaced resource: collection, all-namespaces list, item, subresources") {
  auto b = build("apps", "v1");
  const json& p = b.paths;
  REQUIRE(p.contains("/apis/apps/v1/namespaces/{namespace}/deployments"));
  CHECK(methods(p["/apis/apps/v1/namespaces/{namespace}/deployments"]) ==
        std::vector<std::string>{"get", "post", "delete"});
  CHECK(p["/apis/apps/v1/namespaces/{namespace}/deployments"]["delete"]["x-kubernetes-action"] ==
        "deletecollection");
  CHECK(p["/apis/apps/v1/deployments"]["get"]["operationId"] ==
        "listAppsV1DeploymentForAllNamespaces");
  const json& item = p["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"];
  CHECK(methods(item) == std::vector<std::string>{"get", "put", "patch", "delete"});
  CHECK(item["parameters"][0]["name"] == "name");
  CHECK(item["parameters"][1]["name"] == "namespace");
  CHECK(item["parameters"][2]["name"] == "pretty");
  const json& scale = p["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"];
  CHECK(scale["patch"]["x-kubernetes-group-version-kind"] ==
        json::parse(R"({"group":"autoscaling","kind":"Scale","version":"v1"})"));
  CHECK(scale["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] ==
        "#/components/schemas/io.k8s.api.autoscaling.v1.Scale");
  CHECK(b.schemas.contains("io.k8s.api.autoscaling.v1.Scale"));
  CHECK(p.contains("/apis/apps/v1/"));
}

TEST_CASE("every PATCH of every kind offers fieldValidation") {
  // kubectl checks the first PATCH operation it finds for the object's kind, in no order.
  for (const auto& gv : registry::generated().group_versions()) {
    auto b = build(gv.group.c_str(), gv.version.c_str());
    for (const auto& [path, item] : b.paths.items()) {
      if (!item.contains("patch") || item["patch"]["x-kubernetes-action"] == "connect") continue;
      bool found = false;
      for (const auto& param : item["patch"]["parameters"])
        found = found || (param["name"] == "fieldValidation" && param["in"] == "query");
      CHECK_MESSAGE(found, path);
    }
  }
}

TEST_CASE("patch body types; strategic merge only when asked") {
  auto media = [](const built& b) {
    return b.paths["/api/v1/namespaces/{namespace}/pods/{name}"]["patch"]["requestBody"]["content"];
  };
  auto plain = build("", "v1");
  CHECK(media(plain).contains("application/merge-patch+json"));
  CHECK(media(plain).contains("application/json-patch+json"));
  CHECK(media(plain).contains("application/apply-patch+yaml"));
  CHECK_FALSE(media(plain).contains("application/strategic-merge-patch+json"));
  auto smp = build("", "v1", paths_options{true});
  CHECK(media(smp).contains("application/strategic-merge-patch+json"));
}

TEST_CASE("core pod subresources") {
  auto b = build("", "v1");
  const std::string pod = "/api/v1/namespaces/{namespace}/pods/{name}";
  const json& eviction = b.paths[pod + "/eviction"];
  CHECK(methods(eviction) == std::vector<std::string>{"post"});
  CHECK(eviction["post"]["x-kubernetes-group-version-kind"]["group"] == "policy");
  CHECK(b.schemas.contains("io.k8s.api.policy.v1.Eviction"));
  const json& log = b.paths[pod + "/log"];
  CHECK(log["get"]["responses"]["200"]["content"].contains("text/plain"));
  bool has_container = false;
  for (const auto& param : log["get"]["parameters"])
    has_container = has_container || param["name"] == "container";
  CHECK(has_container);
  const json& exec = b.paths[pod + "/exec"];
  CHECK(methods(exec) == std::vector<std::string>{"get", "post"});
  CHECK(exec["get"]["x-kubernetes-action"] == "connect");
  CHECK(exec["get"]["x-kubernetes-group-version-kind"]["kind"] == "PodExecOptions");
  CHECK(b.paths.contains(pod + "/proxy/{path}"));
  CHECK(b.paths[pod + "/proxy/{path}"]["parameters"][0]["name"] == "path");
}

TEST_CASE("verbs decide the operations: bindings create only, componentstatuses read only") {
  auto b = build("", "v1");
  CHECK(methods(b.paths["/api/v1/namespaces/{namespace}/bindings"]) ==
        std::vector<std::string>{"post"});
  CHECK_FALSE(b.paths.contains("/api/v1/namespaces/{namespace}/bindings/{name}"));
  CHECK(methods(b.paths["/api/v1/componentstatuses"]) == std::vector<std::string>{"get"});
  CHECK(methods(b.paths["/api/v1/componentstatuses/{name}"]) == std::vector<std::string>{"get"});
}

TEST_CASE("cluster-scoped resources have no namespace segment or parameter") {
  auto b = build("", "v1");
  const json& nodes = b.paths["/api/v1/nodes/{name}"];
  CHECK(nodes["patch"]["operationId"] == "patchCoreV1Node");
  CHECK(nodes["parameters"].size() == 2);  // name, pretty
  CHECK_FALSE(b.paths.contains("/api/v1/namespaces/{namespace}/nodes"));
}

TEST_CASE("operationIds are unique in a document") {
  for (const auto& gv : registry::generated().group_versions()) {
    auto b = build(gv.group.c_str(), gv.version.c_str());
    std::vector<std::string> ids;
    for (const auto& [path, item] : b.paths.items())
      for (const auto& [method, op] : item.items())
        if (method != "parameters") ids.push_back(op["operationId"]);
    std::sort(ids.begin(), ids.end());
    CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
  }
}
