#include "gateway/discovery/discovery_documents.hpp"

#include <doctest/doctest.h>

using namespace kactor::discovery;
using kactor::messages::json;
using kactor::messages::registry;
using outcome = discovery_answer::outcome;

namespace {

constexpr const char* aggregated_accept =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
    "application/json";

const discovery_documents& documents() {
  static const discovery_documents docs = [] {
    discovery_options options;
    options.version.kactor_version = "9.8.7";
    options.server_address = "127.0.0.1:6443";
    return discovery_documents(registry::generated(), options);
  }();
  return docs;
}

}  // namespace

TEST_CASE("GET /version") {
  auto answer = documents().find("/version", "application/json, */*");
  REQUIRE(answer.result == outcome::found);
  CHECK(answer.document == &documents().version());
  CHECK(answer.document->content_type == "application/json");
  CHECK(answer.document->value["minor"] == "32");
  CHECK(answer.document->value["gitVersion"] == "v1.32.0-kactor.9.8.7");
}

TEST_CASE("GET /api and /apis negotiate aggregated or legacy by Accept") {
  auto core = documents().find("/api", aggregated_accept);
  REQUIRE(core.result == outcome::found);
  CHECK(core.document->content_type ==
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
  CHECK(core.document->value["kind"] == "APIGroupDiscoveryList");

  auto groups = documents().find("/apis", aggregated_accept);
  REQUIRE(groups.result == outcome::found);
  CHECK(groups.document == &documents().aggregated_groups(discovery_format::aggregated_v2));

  auto legacy_core = documents().find("/api", "application/json, */*");
  REQUIRE(legacy_core.result == outcome::found);
  CHECK(legacy_core.document->content_type == "application/json");
  CHECK(legacy_core.document->value["kind"] == "APIVersions");
  CHECK(legacy_core.document->value["serverAddressByClientCIDRs"][0]["serverAddress"] ==
        "127.0.0.1:6443");

  auto legacy_groups = documents().find("/apis/", "application/json");
  REQUIRE(legacy_groups.result == outcome::found);
  CHECK(legacy_groups.document->value["kind"] == "APIGroupList");

  CHECK(documents().find("/api", "application/vnd.kubernetes.protobuf").result ==
        outcome::not_acceptable);
}

TEST_CASE("v2beta1 documents differ from v2 only in apiVersion") {
  const auto& v2 = documents().aggregated_groups(discovery_format::aggregated_v2);
  const auto& beta = documents().aggregated_groups(discovery_format::aggregated_v2beta1);
  CHECK(beta.value["apiVersion"] == "apidiscovery.k8s.io/v2beta1");
  CHECK(beta.value["items"] == v2.value["items"]);
  CHECK(beta.etag != v2.etag);
}

TEST_CASE("per group-version resource lists and group documents") {
  auto core = documents().find("/api/v1", "application/json, */*");
  REQUIRE(core.result == outcome::found);
  CHECK(core.document->value["groupVersion"] == "v1");
  CHECK(documents().api_resource_list("", "v1") == core.document);

  auto apps = documents().find("/apis/apps/v1", "");
  REQUIRE(apps.result == outcome::found);
  CHECK(apps.document->value["groupVersion"] == "apps/v1");

  auto group = documents().find("/apis/autoscaling", "");
  REQUIRE(group.result == outcome::found);
  CHECK(group.document->value["kind"] == "APIGroup");
  CHECK(group.document->value["preferredVersion"]["version"] == "v2");
}

TEST_CASE("unknown discovery paths are not found") {
  for (const char* path : {"/apis/metrics.k8s.io/v1beta1", "/apis/metrics.k8s.io", "/api/v2",
                           "/apis/apps/v1/deployments", "/healthz", "/", "/apis/apps/v1/x/y"})
    CHECK_MESSAGE(documents().find(path, "").result == outcome::not_found, path);
}

TEST_CASE("every document has a distinct ETag") {
  std::vector<std::string> etags{
      documents().version().etag,
      documents().api_versions().etag,
      documents().api_group_list().etag,
      documents().aggregated_core(discovery_format::aggregated_v2).etag,
      documents().aggregated_groups(discovery_format::aggregated_v2).etag,
      documents().api_resource_list("", "v1")->etag,
      documents().api_resource_list("apps", "v1")->etag};
  std::sort(etags.begin(), etags.end());
  CHECK(std::adjacent_find(etags.begin(), etags.end()) == etags.end());
}
