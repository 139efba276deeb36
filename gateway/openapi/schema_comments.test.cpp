#include "gateway/openapi/schema_comments.hpp"

#include <algorithm>

#include <doctest/doctest.h>

using namespace kactor::openapi;

TEST_CASE("the comment table is generated from the .proto files and sorted") {
  auto table = schema_comment_table();
  REQUIRE(table.size() > 100);
  CHECK(std::is_sorted(table.begin(), table.end(),
                       [](const auto& a, const auto& b) { return a.name < b.name; }));
}

TEST_CASE("message comments: leading lines joined into one paragraph") {
  CHECK(schema_comment("k8s.core.v1.Pod").starts_with("A group of containers"));
  std::string_view spec = schema_comment("k8s.core.v1.PodSpec");
  CHECK(spec.starts_with("The desired state of a pod."));
  CHECK(spec.find('\n') == std::string_view::npos);
  CHECK(spec.find("  ") == std::string_view::npos);
}

TEST_CASE("field comments: trailing ones too, made into sentences") {
  // `optional string restartPolicy = 3;  // Always (default), OnFailure or Never`
  CHECK(schema_comment("k8s.core.v1.PodSpec.restartPolicy") ==
        "Always (default), OnFailure or Never.");
  // `optional int32 replicas = 1 [...];  // default 1`: capitalized, period added
  CHECK(schema_comment("k8s.apps.v1.DeploymentSpec.replicas") == "Default 1.");
}

TEST_CASE("names without a comment give an empty text") {
  CHECK(schema_comment("k8s.core.v1.Nope").empty());
  CHECK(schema_comment("").empty());
}
