#include "storage/state/keys.hpp"

#include <doctest/doctest.h>

namespace kactor::state {

namespace {

const key_space& keys() {
  static const key_space space(messages::registry::generated());
  return space;
}

}  // namespace

TEST_CASE("keys follow etcd's layout for namespaced and cluster-scoped objects") {
  CHECK(*keys().key_of({"", "pods", "default", "web-1"}) == "/registry/pods/default/web-1");
  CHECK(*keys().key_of({"apps", "deployments", "kube-system", "dns"}) ==
        "/registry/deployments/kube-system/dns");
  CHECK(*keys().key_of({"", "nodes", "", "node1.example.com"}) ==
        "/registry/nodes/node1.example.com");
  CHECK(*keys().prefix_of("", "pods", "") == "/registry/pods/");
  CHECK(*keys().prefix_of("", "pods", "default") == "/registry/pods/default/");
  CHECK(*keys().prefix_of("", "namespaces", "") == "/registry/namespaces/");
}

TEST_CASE("bad refs are invalid with a message naming the problem") {
  auto check_invalid = [](object_ref ref, std::string_view words) {
    auto key = keys().key_of(ref);
    REQUIRE_FALSE(key);
    CHECK(key.code() == storage::error_code::invalid);
    CHECK_MESSAGE(key.error().message.find(words) != std::string::npos, key.error().message);
  };
  check_invalid({"", "widgets", "default", "a"}, "unknown resource \"widgets\"");
  check_invalid({"apps", "pods", "default", "a"}, "stored as \"pods\"");
  check_invalid({"events.k8s.io", "events", "default", "a"}, "stored as \"events\"");
  check_invalid({"", "pods", "", "a"}, "namespace is missing");
  check_invalid({"", "nodes", "default", "a"}, "cluster-scoped");
  check_invalid({"", "pods", "default", ""}, "invalid name");
  check_invalid({"", "pods", "default", "a/b"}, "invalid name");
  check_invalid({"", "pods", "default", ".."}, "invalid name");
  check_invalid({"", "pods", "a/b", "x"}, "invalid namespace");
  check_invalid({"", "pods", "default", std::string("a\0b", 3)}, "invalid name");
}

TEST_CASE("a plural served by several versions is stored as the preferred one") {
  auto hpa = keys().resource("autoscaling", "horizontalpodautoscalers");
  REQUIRE(hpa);
  CHECK((*hpa)->version == "v2");
  auto events = keys().resource("", "events");
  REQUIRE(events);
  CHECK((*events)->descriptor->full_name() == "k8s.core.v1.Event");
}

TEST_CASE("keys parse back to the ref and resource") {
  for (object_ref ref :
       {object_ref{"", "pods", "default", "web-1"},
        object_ref{"apps", "deployments", "ns", "d.with.dots"},
        object_ref{"", "nodes", "", "node1"},
        object_ref{"rbac.authorization.k8s.io", "clusterroles", "", "system:admin"}}) {
    auto key = keys().key_of(ref);
    REQUIRE(key);
    auto parsed = keys().parse_key(*key);
    REQUIRE(parsed);
    CHECK(parsed->ref == ref);
    CHECK(parsed->resource->plural == ref.resource);
  }
  CHECK_FALSE(keys().parse_key("/registry/pods/default"));
  CHECK_FALSE(keys().parse_key("/registry/pods/default/a/b"));
  CHECK_FALSE(keys().parse_key("/registry/nodes/default/a"));
  CHECK_FALSE(keys().parse_key("/registry/widgets/a"));
  CHECK_FALSE(keys().parse_key("/other/pods/default/a"));
  CHECK_FALSE(keys().parse_key("/registry/pods//a"));
}

TEST_CASE("listing prefixes typed by a person select a resource and maybe a namespace") {
  auto all = keys().parse_prefix("/registry/pods");
  REQUIRE(all);
  CHECK(all->ref == object_ref{"", "pods", "", ""});
  auto ns = keys().parse_prefix("/registry/deployments/default/");
  REQUIRE(ns);
  CHECK(ns->ref == object_ref{"apps", "deployments", "default", ""});
  CHECK_FALSE(keys().parse_prefix("/registry/nodes/x/"));
  CHECK_FALSE(keys().parse_prefix("/registry/pods/default/web"));
  CHECK_FALSE(keys().parse_prefix("/registry/"));
}

}  // namespace kactor::state
