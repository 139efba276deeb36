#include "storage/state/resource_version.hpp"

#include <doctest/doctest.h>

#include <limits>

#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "messages/registry.hpp"

namespace kactor::state {

TEST_CASE("appending sets metadata.resourceVersion of a Pod and keeps every other field") {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name("web-1");
  pod.mutable_metadata()->set_namespace_("default");
  pod.mutable_metadata()->set_resourceversion("7");
  (*pod.mutable_metadata()->mutable_labels())["app"] = "web";
  pod.mutable_spec()->set_nodename("node1");
  pod.mutable_spec()->add_containers()->set_image("host:v1");

  k8s::core::v1::Pod out;
  REQUIRE(out.ParseFromString(with_resource_version(pod.SerializeAsString(), 1234567)));
  CHECK(out.metadata().resourceversion() == "1234567");
  pod.mutable_metadata()->set_resourceversion("1234567");
  CHECK(out.SerializeAsString() == pod.SerializeAsString());
}

TEST_CASE("appending sets the resourceVersion of a Deployment, also of an empty one") {
  k8s::apps::v1::Deployment deployment;
  deployment.mutable_metadata()->set_name("web");
  deployment.mutable_spec()->set_replicas(3);
  k8s::apps::v1::Deployment out;
  REQUIRE(out.ParseFromString(with_resource_version(deployment.SerializeAsString(), 42)));
  CHECK(out.metadata().resourceversion() == "42");
  CHECK(out.metadata().name() == "web");
  CHECK(out.spec().replicas() == 3);

  k8s::apps::v1::Deployment empty;
  REQUIRE(
      empty.ParseFromString(with_resource_version("", std::numeric_limits<std::uint64_t>::max())));
  CHECK(empty.metadata().resourceversion() == "18446744073709551615");
}

TEST_CASE("appending twice: the last revision wins") {
  std::string bytes;
  append_resource_version(bytes, 5);
  append_resource_version(bytes, 6);
  k8s::core::v1::Pod pod;
  REQUIRE(pod.ParseFromString(bytes));
  CHECK(pod.metadata().resourceversion() == "6");
}

TEST_CASE("every resource of the registry has ObjectMeta as field 1 with resourceVersion 6") {
  for (const auto& info : messages::registry::generated().resources()) {
    CAPTURE(info.plural);
    const auto* meta = info.descriptor->FindFieldByNumber(1);
    REQUIRE(meta != nullptr);
    REQUIRE(meta->message_type() != nullptr);
    CHECK(meta->message_type()->full_name() == "k8s.meta.v1.ObjectMeta");
    const auto* rv = meta->message_type()->FindFieldByNumber(6);
    REQUIRE(rv != nullptr);
    CHECK(rv->name() == "resourceVersion");
  }
}

}  // namespace kactor::state
