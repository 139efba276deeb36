#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "k8s/core/v1/config.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "k8s/core/v1/service.pb.h"
#include "messages/basic_result.hpp"
#include "node/runtime/types.hpp"

namespace kactor::node::agent {

struct env_error {
  std::string reason;  // CreateContainerConfigError
  std::string message;
};

// Where the kubelet finds what env references name (its informer caches); null results mean
// "does not exist". Any member may be empty (treated as finding nothing).
struct env_sources {
  std::function<std::shared_ptr<const k8s::core::v1::ConfigMap>(const std::string& ns,
                                                                const std::string& name)>
      config_map;
  std::function<std::shared_ptr<const k8s::core::v1::Secret>(const std::string& ns,
                                                             const std::string& name)>
      secret;
  // The Services of a namespace.
  std::function<std::vector<std::shared_ptr<const k8s::core::v1::Service>>(const std::string& ns)>
      services;
};

// The environment a container starts with, as the kubelet builds it, in Kubernetes' order:
// a default PATH; the service variables (`<SVC>_SERVICE_HOST`, `_SERVICE_PORT`, `_PORT`, ...)
// of the Services in the pod's namespace when enableServiceLinks is not false, and of the
// `kubernetes` Service of `default`; then `envFrom` (ConfigMaps and Secrets, with prefix);
// then `env` in order: `value` ($(VAR) references to earlier variables expanded, $$ escaping),
// `fieldRef` (metadata.name, metadata.namespace, metadata.uid, metadata.labels['k'],
// metadata.annotations['k'], spec.nodeName, spec.serviceAccountName, status.hostIP,
// status.podIP(s)), `configMapKeyRef`, `secretKeyRef` and `resourceFieldRef` (limits/requests
// of cpu (cores, rounded up) and memory (bytes)). A missing required reference fails with
// CreateContainerConfigError and Kubernetes' message; a missing optional one is skipped.
messages::basic_result<std::vector<runtime::env_var>, env_error> resolve_env(
    const k8s::core::v1::Pod& pod, const k8s::core::v1::Container& container,
    const std::string& node_ip, const env_sources& sources = {});

}  // namespace kactor::node::agent
