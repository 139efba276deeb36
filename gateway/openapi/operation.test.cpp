#include "gateway/openapi/operation.hpp"

#include <doctest/doctest.h>

using namespace kactor::openapi;
using kactor::messages::json;

namespace {
std::vector<std::string> names(const json& parameters) {
  std::vector<std::string> out;
  for (const auto& p : parameters) {
    CHECK(p["in"] == "query");
    out.push_back(p["name"]);
  }
  return out;
}
}  // namespace

TEST_CASE("an operation carries action, GVK, parameters, body and responses") {
  operation_input in;
  in.action = "patch";
  in.operation_id = "patchAppsV1NamespacedDeployment";
  in.description = "Partially update a Deployment";
  in.tag = "apps_v1";
  in.gvk = {"apps", "v1", "Deployment"};
  in.parameters = write_parameters(true);
  in.request_schema = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
  in.request_media = {"application/merge-patch+json"};
  in.response_schema = "io.k8s.api.apps.v1.Deployment";
  in.response_codes = {200, 201};
  json op = operation(in);
  CHECK(op["tags"] == json::array({"apps_v1"}));
  CHECK(op["operationId"] == "patchAppsV1NamespacedDeployment");
  CHECK(op["x-kubernetes-action"] == "patch");
  CHECK(op["x-kubernetes-group-version-kind"] ==
        json::parse(R"({"group":"apps","kind":"Deployment","version":"v1"})"));
  CHECK(op["requestBody"]["required"] == true);
  CHECK(op["requestBody"]["content"]["application/merge-patch+json"]["schema"]["$ref"] ==
        "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch");
  CHECK(op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] ==
        "#/components/schemas/io.k8s.api.apps.v1.Deployment");
  CHECK(op["responses"]["201"]["description"] == "Created");
  CHECK(op["responses"]["401"]["description"] == "Unauthorized");
  CHECK(op["parameters"].size() == 4);
}

TEST_CASE("string answers and watch streams") {
  operation_input in;
  in.action = "list";
  in.response_schema = "io.k8s.api.core.v1.PodList";
  in.watchable = true;
  json op = operation(in);
  CHECK_FALSE(op.contains("requestBody"));
  CHECK_FALSE(op.contains("parameters"));
  CHECK(op["responses"]["200"]["content"]["application/json;stream=watch"]["schema"]["$ref"] ==
        "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent");
  operation_input log;
  log.response_media = "text/plain";
  CHECK(operation(log)["responses"]["200"]["content"]["text/plain"]["schema"] ==
        json{{"type", "string"}});
}

TEST_CASE("write parameters: what kubectl's validation gate and apply look for") {
  CHECK(names(write_parameters(false)) ==
        std::vector<std::string>{"dryRun", "fieldManager", "fieldValidation"});
  CHECK(names(write_parameters(true)) ==
        std::vector<std::string>{"dryRun", "fieldManager", "fieldValidation", "force"});
  CHECK(write_parameters(true)[3]["schema"]["type"] == "boolean");
}

TEST_CASE("list and delete parameters") {
  auto list = names(list_parameters());
  for (const char* name : {"labelSelector", "fieldSelector", "watch", "resourceVersion", "limit",
                           "continue", "timeoutSeconds", "allowWatchBookmarks"})
    CHECK(std::find(list.begin(), list.end(), name) != list.end());
  auto del = names(delete_parameters(false));
  CHECK(del == std::vector<std::string>{"dryRun", "gracePeriodSeconds", "orphanDependents",
                                        "propagationPolicy"});
  auto collection = names(delete_parameters(true));
  CHECK(std::find(collection.begin(), collection.end(), "labelSelector") != collection.end());
  CHECK(std::find(collection.begin(), collection.end(), "watch") == collection.end());
}

TEST_CASE("path parameters are required strings") {
  json p = path_parameter("namespace", "The namespace.");
  CHECK(p["in"] == "path");
  CHECK(p["required"] == true);
  CHECK(p["schema"]["type"] == "string");
  CHECK_FALSE(query_parameter("x", "string", "").contains("description"));
}
