#pragma once

// Test helpers of the scheduler's unit tests: Nodes and Pods from YAML (decoded by the real
// manifest codec) or from a few numbers. Included only by *.test.cpp files.

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "k8s/core/v1/node.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "messages/manifest.hpp"
#include "messages/registry.hpp"

namespace kactor::scheduler::testing {

/// The single object of a YAML manifest, as message type T.
template <class T>
T from_yaml(std::string_view yaml) {
  auto decoded = messages::decode_manifests(yaml, messages::registry::generated(), true);
  REQUIRE_MESSAGE(decoded.has_value(), (decoded ? "" : decoded.error().message));
  REQUIRE(decoded->size() == 1);
  T out;
  REQUIRE(out.ParseFromString((*decoded)[0].object->SerializeAsString()));
  return out;
}

/// A ready node with the given allocatable cpu and memory and room for `pods` pods.
inline k8s::core::v1::Node make_node(std::string name, std::string cpu = "4",
                                     std::string memory = "8Gi", std::string pods = "110") {
  k8s::core::v1::Node node;
  node.mutable_metadata()->set_name(name);
  (*node.mutable_metadata()->mutable_labels())["kubernetes.io/hostname"] = name;
  auto& alloc = *node.mutable_status()->mutable_allocatable();
  alloc["cpu"].set_string(cpu);
  alloc["memory"].set_string(memory);
  alloc["pods"].set_string(pods);
  return node;
}

/// A pod of one container with the given requests (empty: none), bound to `node` if set.
inline k8s::core::v1::Pod make_pod(std::string name, std::string cpu = "", std::string memory = "",
                                   std::string node = "", std::string ns = "default") {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name(name);
  pod.mutable_metadata()->set_namespace_(ns);
  auto* c = pod.mutable_spec()->add_containers();
  c->set_name("app");
  c->set_image("host");
  auto& requests = *c->mutable_resources()->mutable_requests();
  if (!cpu.empty()) requests["cpu"].set_string(cpu);
  if (!memory.empty()) requests["memory"].set_string(memory);
  if (!node.empty()) pod.mutable_spec()->set_nodename(node);
  return pod;
}

/// A node (make_node) in zone `zone` (label topology.kubernetes.io/zone).
inline k8s::core::v1::Node zoned(std::string name, std::string zone) {
  auto node = make_node(name);
  (*node.mutable_metadata()->mutable_labels())["topology.kubernetes.io/zone"] = zone;
  return node;
}

/// A pod without requests labeled app=`app`, bound to `node` if set.
inline k8s::core::v1::Pod labeled(std::string name, std::string app, std::string node,
                                  std::string ns = "default") {
  auto pod = make_pod(name, "", "", node, ns);
  (*pod.mutable_metadata()->mutable_labels())["app"] = app;
  return pod;
}

/// Adds a taint to a node.
inline void add_taint(k8s::core::v1::Node& node, std::string key, std::string value,
                      std::string effect) {
  auto* t = node.mutable_spec()->add_taints();
  t->set_key(key);
  t->set_value(value);
  t->set_effect(effect);
}

}  // namespace kactor::scheduler::testing
