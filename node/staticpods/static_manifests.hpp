#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "k8s/core/v1/pod.pb.h"

// The kubelet's static pods: Pod manifests from a directory (--pod-manifest-path) or a URL
// (--manifest-url) that the node runs on its own, mirrored into the API as "mirror pods".
// This file turns manifest text into the mirror pods, as pure functions.
namespace kactor::node::staticpods {

inline constexpr const char* source_annotation = "kubernetes.io/config.source";
inline constexpr const char* hash_annotation = "kubernetes.io/config.hash";
inline constexpr const char* mirror_annotation = "kubernetes.io/config.mirror";

// The mirror pods described by `text` (YAML or JSON, one or several documents; kinds other than
// Pod are skipped with a problem): named `<name>-<node>` as Kubernetes names static pods, in
// namespace "default" unless the manifest says otherwise, bound to `node`, annotated with the
// source ("file" or "http") and a hash of the manifest's pod (config.hash and config.mirror),
// owned by the Node (`node_uid`, when known). `origin` (a file name or URL) prefixes problems.
std::vector<k8s::core::v1::Pod> mirror_pods(std::string_view text, std::string_view origin,
                                            std::string_view source, const std::string& node,
                                            const std::string& node_uid,
                                            std::vector<std::string>& problems);

// The config hash of a mirror pod (its config.mirror annotation); "" when it is no mirror pod.
std::string mirror_hash(const k8s::core::v1::Pod& pod);

}  // namespace kactor::node::staticpods
