#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "k8s/core/v1/pod.pb.h"

// The pod-template-hash: what names a Deployment's ReplicaSet (`<deploy>-<hash>`) and labels
// its pods, so each template gets its own ReplicaSet and a template seen again finds it again.
namespace kactor::controllers::deployment {

// The label on a Deployment's ReplicaSets (selector, template, labels) and their pods.
inline constexpr const char* pod_template_hash_label = "pod-template-hash";

// A hash of `tmpl` (and of `collision_count` when set, so a hash collision with a foreign
// ReplicaSet is resolved by counting up): FNV-1a (32 bit) over the template's deterministic
// protobuf encoding (map entries sorted by key), written as its decimal digits, each mapped to
// one character of "bcdfghjklmnpqrstvwxz2456789" (no vowels: no words; no 0, 1, 3: no look-alikes).
// At most 10 characters; equal templates give equal hashes in every process and release built
// from the same message definitions.
std::string pod_template_hash(const k8s::core::v1::PodTemplateSpec& tmpl,
                              std::optional<std::int32_t> collision_count);

// Equal templates once the pod-template-hash label is ignored on both sides (the ReplicaSet's
// template carries it, the Deployment's does not). Fields compare as protobuf Equivalent
// (unset equals its default).
bool equal_ignoring_hash(const k8s::core::v1::PodTemplateSpec& a,
                         const k8s::core::v1::PodTemplateSpec& b);

}  // namespace kactor::controllers::deployment
