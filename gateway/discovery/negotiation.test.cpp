#include "gateway/discovery/negotiation.hpp"

#include <doctest/doctest.h>

using namespace kactor::discovery;

namespace {
// What kubectl 1.32 sends for GET /api and /apis (kubectl-surface.md, "AGG").
constexpr const char* kubectl_aggregated =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
    "application/json";
constexpr const char* table =
    "application/json;as=Table;v=v1;g=meta.k8s.io,"
    "application/json;as=Table;v=v1beta1;g=meta.k8s.io";
}  // namespace

TEST_CASE("parse_accept keeps parameters and orders by quality, then by position") {
  auto ranges = parse_accept("text/html;q=0.2, Application/JSON ; g=x ; V=\"v2\", */*;q=0.5");
  REQUIRE(ranges.size() == 3);
  CHECK(ranges[0].type == "application/json");
  CHECK(ranges[0].parameter("g") == "x");
  CHECK(ranges[0].parameter("v") == "v2");
  CHECK(ranges[0].parameter("as").empty());
  CHECK(ranges[1].type == "*/*");
  CHECK(ranges[1].quality == doctest::Approx(0.5));
  CHECK(ranges[2].type == "text/html");
}

TEST_CASE("parse_accept drops q=0 and malformed entries") {
  auto ranges = parse_accept("application/json;q=0, nonsense, , image/png");
  REQUIRE(ranges.size() == 1);
  CHECK(ranges[0].type == "image/png");
}

TEST_CASE("kubectl's discovery Accept selects aggregated v2") {
  CHECK(negotiate_discovery(kubectl_aggregated) == discovery_format::aggregated_v2);
}

TEST_CASE("v2beta1 is served when it is the most preferred aggregated range") {
  CHECK(negotiate_discovery(
            "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
            "application/json") == discovery_format::aggregated_v2beta1);
  CHECK(negotiate_discovery("application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList,"
                            "application/json") == discovery_format::legacy);
}

TEST_CASE("quality outranks position") {
  CHECK(
      negotiate_discovery("application/json;q=0.5,"
                          "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList") ==
      discovery_format::aggregated_v2);
  CHECK(negotiate_discovery(
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0.1,"
            "application/json") == discovery_format::legacy);
}

TEST_CASE("plain JSON, wildcards and no header select the legacy documents") {
  CHECK(negotiate_discovery("application/json, */*") == discovery_format::legacy);
  CHECK(negotiate_discovery("application/json") == discovery_format::legacy);
  CHECK(negotiate_discovery("application/json;charset=utf-8") == discovery_format::legacy);
  CHECK(negotiate_discovery("*/*") == discovery_format::legacy);
  CHECK(negotiate_discovery("application/*") == discovery_format::legacy);
  CHECK(negotiate_discovery("") == discovery_format::legacy);
  CHECK(negotiate_discovery("application/vnd.kubernetes.protobuf,application/json") ==
        discovery_format::legacy);
}

TEST_CASE("nothing servable is not acceptable") {
  CHECK(negotiate_discovery("application/vnd.kubernetes.protobuf") ==
        discovery_format::not_acceptable);
  CHECK(negotiate_discovery(table) == discovery_format::not_acceptable);
  CHECK(negotiate_discovery("text/html") == discovery_format::not_acceptable);
  CHECK(negotiate_discovery("application/json;q=0") == discovery_format::not_acceptable);
}

TEST_CASE("the aggregated content type is the exact string kubectl compares") {
  CHECK(discovery_content_type(discovery_format::aggregated_v2) ==
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
  CHECK(discovery_content_type(discovery_format::aggregated_v2beta1) ==
        "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList");
  CHECK(discovery_content_type(discovery_format::legacy) == "application/json");
}
