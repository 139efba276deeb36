#pragma once

#include <string>
#include <vector>

#include "k8s/core/v1/pod.pb.h"
#include "messages/basic_result.hpp"
#include "node/runtime/types.hpp"

namespace kactor::node::agent {

struct env_error {
  std::string reason;  // CreateContainerConfigError
  std::string message;
};

// The environment a container starts with, as the kubelet builds it: a default PATH, then
// `env` in order with `value` ($(VAR) references to earlier variables expanded, $$ escaping)
// and `fieldRef` (metadata.name, metadata.namespace, metadata.uid, metadata.labels['k'],
// metadata.annotations['k'], spec.nodeName, spec.serviceAccountName, status.hostIP,
// status.podIP, status.podIPs). configMapKeyRef, secretKeyRef, resourceFieldRef and envFrom are
// not resolved yet: a required one fails with CreateContainerConfigError, an optional one is
// skipped.
messages::basic_result<std::vector<runtime::env_var>, env_error> resolve_env(
    const k8s::core::v1::Pod& pod, const k8s::core::v1::Container& container,
    const std::string& node_ip);

}  // namespace kactor::node::agent
