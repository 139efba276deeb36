#pragma once

#include <string>

#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "storage/state/keys.hpp"

// Test helpers: small API objects as bytes, and the shared key space of the generated registry.
namespace kactor::state::testing {

inline const key_space& keys() {
  static const key_space space(messages::registry::generated());
  return space;
}

// A Pod's bytes; `node` "" = unbound; `image` tells versions apart.
inline std::string pod(const std::string& ns, const std::string& name, const std::string& node = "",
                       const std::string& image = "host:v1") {
  k8s::core::v1::Pod p;
  p.mutable_metadata()->set_name(name);
  p.mutable_metadata()->set_namespace_(ns);
  auto* c = p.mutable_spec()->add_containers();
  c->set_name("main");
  c->set_image(image);
  if (!node.empty()) p.mutable_spec()->set_nodename(node);
  return p.SerializeAsString();
}

inline std::string deployment(const std::string& ns, const std::string& name, int replicas = 1) {
  k8s::apps::v1::Deployment d;
  d.mutable_metadata()->set_name(name);
  d.mutable_metadata()->set_namespace_(ns);
  d.mutable_spec()->set_replicas(replicas);
  return d.SerializeAsString();
}

inline k8s::core::v1::Pod parse_pod(const std::string& bytes) {
  k8s::core::v1::Pod p;
  p.ParseFromString(bytes);
  return p;
}

inline std::string image_of(const std::string& pod_bytes) {
  auto p = parse_pod(pod_bytes);
  return p.spec().containers_size() ? p.spec().containers(0).image() : "";
}

// prefix + decimal i, built without operator+ (GCC 12 warns falsely about it: -Wrestrict).
inline std::string numbered(std::string prefix, int i) {
  prefix += std::to_string(i);
  return prefix;
}

inline std::string rv_of(const std::string& pod_bytes) {
  return parse_pod(pod_bytes).metadata().resourceversion();
}

}  // namespace kactor::state::testing
