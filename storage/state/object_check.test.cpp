#include "storage/state/object_check.hpp"

#include <doctest/doctest.h>

#include "k8s/core/v1/node.pb.h"
#include "k8s/core/v1/pod.pb.h"

namespace kactor::state {

namespace {

const key_space& keys() {
  static const key_space space(messages::registry::generated());
  return space;
}

std::string pod(std::string name, std::string ns) {
  k8s::core::v1::Pod p;
  p.mutable_metadata()->set_name(name);
  p.mutable_metadata()->set_namespace_(ns);
  p.mutable_spec()->add_containers()->set_name("c");
  return p.SerializeAsString();
}

std::string problem(const storage::status& st) {
  REQUIRE_FALSE(st);
  CHECK(st.code() == storage::error_code::invalid);
  return st.error().message;
}

}  // namespace

TEST_CASE("an object of the key's type, name and namespace passes") {
  CHECK(check_object(keys(), {"", "pods", "default", "web"}, pod("web", "default")));
  k8s::core::v1::Node node;
  node.mutable_metadata()->set_name("node1");
  CHECK(check_object(keys(), {"", "nodes", "", "node1"}, node.SerializeAsString()));
}

TEST_CASE("a mismatching name or namespace is invalid") {
  CHECK(problem(check_object(keys(), {"", "pods", "default", "web"}, pod("db", "default"))) ==
        "metadata.name \"db\" does not match the name \"web\"");
  CHECK(problem(check_object(keys(), {"", "pods", "default", "web"}, pod("web", ""))) ==
        "metadata.namespace \"\" does not match the namespace \"default\"");
}

TEST_CASE("bytes that are not the resource's message are invalid") {
  CHECK(problem(check_object(keys(), {"", "pods", "default", "web"}, "\xff\xff\xff")) ==
        "the object does not parse as k8s.core.v1.Pod");
  CHECK(problem(check_object(keys(), {"", "widgets", "default", "web"}, pod("web", "default"))) ==
        "unknown resource \"widgets\"");
}

}  // namespace kactor::state
