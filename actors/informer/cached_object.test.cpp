#include "actors/informer/cached_object.hpp"

#include <doctest/doctest.h>

#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/config.pb.h"
#include "k8s/core/v1/namespace.pb.h"

namespace {

using namespace kactor::informer;

std::string config_map_bytes(const std::string& ns, const std::string& name) {
  k8s::core::v1::ConfigMap cm;
  cm.mutable_metadata()->set_name(name);
  if (!ns.empty()) cm.mutable_metadata()->set_namespace_(ns);
  (*cm.mutable_data())["k"] = "v";
  return cm.SerializeAsString();
}

}  // namespace

TEST_CASE("object_key follows client-go: namespace/name, or name when cluster-scoped") {
  CHECK(object_key("default", "web") == "default/web");
  CHECK(object_key("", "node1") == "node1");
}

TEST_CASE("decode_object reads namespace and name from metadata when not given") {
  const auto& proto = k8s::core::v1::ConfigMap::default_instance();
  auto obj = decode_object(proto, config_map_bytes("kube-system", "cfg"), 17);
  REQUIRE(obj);
  CHECK((*obj)->ns == "kube-system");
  CHECK((*obj)->name == "cfg");
  CHECK((*obj)->key() == "kube-system/cfg");
  CHECK((*obj)->revision == 17);
  REQUIRE((*obj)->as<k8s::core::v1::ConfigMap>());
  CHECK((*obj)->as<k8s::core::v1::ConfigMap>()->data().at("k") == "v");
  CHECK((*obj)->as<k8s::apps::v1::Deployment>() == nullptr);
  CHECK((*obj)->bytes == config_map_bytes("kube-system", "cfg"));
}

TEST_CASE("decode_object keeps the identity it is given (events carry it)") {
  const auto& proto = k8s::core::v1::ConfigMap::default_instance();
  auto obj = decode_object(proto, config_map_bytes("a", "b"), 3, "given-ns", "given-name");
  REQUIRE(obj);
  CHECK((*obj)->key() == "given-ns/given-name");
}

TEST_CASE("decode_object: cluster-scoped objects have an empty namespace") {
  k8s::core::v1::Namespace ns;
  ns.mutable_metadata()->set_name("team-a");
  auto obj = decode_object(k8s::core::v1::Namespace::default_instance(), ns.SerializeAsString(), 5);
  REQUIRE(obj);
  CHECK((*obj)->ns.empty());
  CHECK((*obj)->key() == "team-a");
}

TEST_CASE("decode_object rejects bad input with an error value") {
  const auto& proto = k8s::core::v1::ConfigMap::default_instance();
  auto garbage = decode_object(proto, std::string("\xff\xff\xff\xff", 4), 1);
  REQUIRE_FALSE(garbage);
  CHECK(garbage.error().message.find("k8s.core.v1.ConfigMap") != std::string::npos);
  auto nameless = decode_object(proto, k8s::core::v1::ConfigMap{}.SerializeAsString(), 1);
  REQUIRE_FALSE(nameless);
  CHECK(nameless.error().message.find("metadata.name") != std::string::npos);
}

TEST_CASE("decode_object lean: no bytes, no managedFields, the rest intact") {
  k8s::core::v1::ConfigMap cm;
  cm.mutable_metadata()->set_name("cfg");
  cm.mutable_metadata()->set_namespace_("ns");
  cm.mutable_metadata()->add_managedfields()->set_manager("kubectl");
  (*cm.mutable_data())["k"] = "v";
  k8s::core::v1::ConfigMap proto;
  auto full = decode_object(proto, cm.SerializeAsString(), 5);
  REQUIRE(full);
  CHECK((*full)->as<k8s::core::v1::ConfigMap>()->metadata().managedfields_size() == 1);
  CHECK(!(*full)->bytes.empty());
  auto lean = decode_object(proto, cm.SerializeAsString(), 5, {}, {}, true);
  REQUIRE(lean);
  const auto* got = (*lean)->as<k8s::core::v1::ConfigMap>();
  REQUIRE(got);
  CHECK(got->metadata().managedfields_size() == 0);
  CHECK(got->data().at("k") == "v");
  CHECK((*lean)->key() == "ns/cfg");
  CHECK((*lean)->bytes.empty());
}
