#include "gateway/openapi/schema_names.hpp"

#include <doctest/doctest.h>

#include "messages/registry.hpp"

using namespace kactor::openapi;

namespace {
const google::protobuf::Descriptor* type(const char* full_name) {
  const auto* d =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(full_name);
  REQUIRE(d != nullptr);
  return d;
}
}  // namespace

TEST_CASE("definition names follow Kubernetes' Go package names") {
  kactor::messages::registry::generated();  // links the generated schemas
  CHECK(definition_name(type("k8s.core.v1.Pod")) == "io.k8s.api.core.v1.Pod");
  CHECK(definition_name(type("k8s.apps.v1.Deployment")) == "io.k8s.api.apps.v1.Deployment");
  CHECK(definition_name(type("k8s.rbac.v1.Role")) == "io.k8s.api.rbac.v1.Role");
  CHECK(definition_name(type("k8s.meta.v1.ObjectMeta")) ==
        "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
  CHECK(definition_name(type("k8s.resource.Quantity")) ==
        "io.k8s.apimachinery.pkg.api.resource.Quantity");
  CHECK(definition_name(type("k8s.util.IntOrString")) ==
        "io.k8s.apimachinery.pkg.util.intstr.IntOrString");
  CHECK(definition_name(type("k8s.runtime.RawExtension")) ==
        "io.k8s.apimachinery.pkg.runtime.RawExtension");
  CHECK(definition_name(type("kactor.bus.v1.WatchEvent")) == "io.kactor.bus.v1.WatchEvent");
}

TEST_CASE("schema_ref points into components.schemas") {
  CHECK(schema_ref("io.k8s.api.core.v1.Pod") == "#/components/schemas/io.k8s.api.core.v1.Pod");
}
