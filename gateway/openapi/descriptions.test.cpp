#include "gateway/openapi/descriptions.hpp"

#include "gateway/openapi/schema_comments.hpp"

#include <doctest/doctest.h>

using namespace kactor::openapi;
using kactor::messages::registry;

namespace {
const kind_index& kinds() {
  static const kind_index index = kind_index::from(registry::generated());
  return index;
}
const google::protobuf::Descriptor* type(const char* api_version, const char* kind) {
  const auto* d = registry::generated().find_kind(api_version, kind);
  REQUIRE(d != nullptr);
  return d;
}
}  // namespace

TEST_CASE("a message's own comment wins") {
  CHECK(type_description(type("v1", "Pod"), kinds()).starts_with("A group of containers"));
}

TEST_CASE("kinds and lists without a comment get a generated sentence") {
  CHECK(type_description(type("apps/v1", "Deployment"), kinds()) ==
        "Deployment is an object of the apps/v1 API.");
  CHECK(type_description(type("apps/v1", "DeploymentList"), kinds()) ==
        "A list of Deployment objects (apps/v1).");
}

TEST_CASE("special forms are described by how they are written") {
  CHECK(type_description(type("meta.k8s.io/v1", "Time"), kinds()).find("RFC 3339") !=
        std::string::npos);
}

TEST_CASE("standard members of kinds get generic descriptions") {
  const auto* deployment = type("apps/v1", "Deployment");
  CHECK(field_description(deployment->FindFieldByName("metadata"), kinds())
            .starts_with("Standard object metadata"));
  CHECK(field_description(deployment->FindFieldByName("spec"), kinds())
            .starts_with("The desired state"));
  CHECK(field_description(deployment->FindFieldByName("status"), kinds())
            .starts_with("The most recently observed state"));
  const auto* list = type("apps/v1", "DeploymentList");
  CHECK(field_description(list->FindFieldByName("metadata"), kinds())
            .starts_with("Standard list metadata"));
  CHECK(field_description(list->FindFieldByName("items"), kinds()) == "The objects of the list.");
  // The spec of a plain type is not a kind's spec: no generic text (its comment, if any).
  const auto* template_spec = type("v1", "PodTemplateSpec")->FindFieldByName("spec");
  CHECK(field_description(template_spec, kinds()) == schema_comment(template_spec->full_name()));
}

TEST_CASE("a field's comment wins over the generic text") {
  const auto* spec = type("apps/v1", "DeploymentSpec");
  CHECK(field_description(spec->FindFieldByName("replicas"), kinds()) == "Default 1.");
}
