#include "gateway/openapi/kind_index.hpp"

#include <doctest/doctest.h>

using namespace kactor::openapi;
using kactor::messages::registry;

namespace {
const google::protobuf::Descriptor* kind(const char* api_version, const char* name) {
  const auto* d = registry::generated().find_kind(api_version, name);
  REQUIRE(d != nullptr);
  return d;
}
}  // namespace

TEST_CASE("resource kinds and their lists are kinds of their group-version") {
  auto index = kind_index::from(registry::generated());
  using gvks = std::vector<group_version_kind>;
  CHECK(index.kinds_of(kind("apps/v1", "Deployment")) == gvks{{"apps", "v1", "Deployment"}});
  CHECK(index.kinds_of(kind("apps/v1", "DeploymentList")) ==
        gvks{{"apps", "v1", "DeploymentList"}});
  CHECK(index.kinds_of(kind("v1", "Pod")) == gvks{{"", "v1", "Pod"}});
  CHECK(index.is_typed(kind("v1", "Pod")));
}

TEST_CASE("subresource bodies are kinds; option kinds and plain types are not") {
  auto index = kind_index::from(registry::generated());
  CHECK(index.kinds_of(kind("autoscaling/v1", "Scale")).size() == 1);
  CHECK(index.kinds_of(kind("policy/v1", "Eviction")).size() == 1);
  CHECK(index.kinds_of(kind("v1", "PodExecOptions")).empty());
  CHECK(index.kinds_of(kind("v1", "PodSpec")).empty());
  CHECK_FALSE(index.is_typed(kind("v1", "PodSpec")));
}

TEST_CASE("Status, DeleteOptions and APIResourceList are typed without a GVK") {
  auto index = kind_index::from(registry::generated());
  for (const char* name : {"Status", "DeleteOptions", "APIResourceList"}) {
    const auto* type = kind("meta.k8s.io/v1", name);
    CHECK(index.is_typed(type));
    CHECK(index.kinds_of(type).empty());
  }
}

TEST_CASE("a GVK is recorded once") {
  kind_index index;
  const auto* pod = kind("v1", "Pod");
  index.add(pod, {"", "v1", "Pod"});
  index.add(pod, {"", "v1", "Pod"});
  CHECK(index.kinds_of(pod).size() == 1);
}
