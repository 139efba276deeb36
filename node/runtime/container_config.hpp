#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "k8s/core/v1/pod.pb.h"
#include "node/runtime/error.hpp"
#include "node/runtime/types.hpp"

namespace kactor::node::runtime {

/// Labels the kubelet puts on every sandbox and container, as the Kubernetes kubelet does.
inline constexpr const char* label_pod_name = "io.kubernetes.pod.name";
inline constexpr const char* label_pod_namespace = "io.kubernetes.pod.namespace";
inline constexpr const char* label_pod_uid = "io.kubernetes.pod.uid";
inline constexpr const char* label_container_name = "io.kubernetes.container.name";

/// The sandbox of `pod`: its identity and log directory `<log_root>/<namespace>_<name>_<uid>`
/// (the kubelet's /var/log/pods layout). Pure.
pod_sandbox_config sandbox_config_for(const k8s::core::v1::Pod& pod, std::string_view log_root,
                                      std::uint32_t attempt);

/// The runtime's view of `container` of `pod` for restart number `attempt`: command, args,
/// workingDir and image copied, `env` taken as given (already resolved by the kubelet), log
/// path `<container>/<attempt>.log`, cpu request/limit and memory limit from resources.
/// Pure. Fails with invalid when a cpu or memory quantity does not parse. A missing command
/// is not an error here: runtimes that need one reject the config in create_container.
result<container_config> container_config_for(const k8s::core::v1::Pod& pod,
                                              const k8s::core::v1::Container& container,
                                              std::vector<env_var> resolved_env,
                                              std::uint32_t attempt);

}  // namespace kactor::node::runtime
