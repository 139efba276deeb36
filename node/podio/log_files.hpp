#pragma once

#include <filesystem>
#include <optional>
#include <string>

// Where a container's logs are on this node: the kubelet's /var/log/pods layout under its log
// root, `<root>/<namespace>_<pod>_<uid>/<container>/<attempt>.log` (node/runtime
// container_config.hpp), one file per container instance.
namespace kactor::node::podio {

// The log file of the newest instance of `container` of pod `ns/pod` (with `previous`: the
// instance before it); nullopt when there is none. Several directories for one pod name (a pod
// deleted and created again) resolve to the most recently modified.
std::optional<std::filesystem::path> container_log(const std::filesystem::path& root,
                                                   const std::string& ns, const std::string& pod,
                                                   const std::string& container, bool previous);

// The attempt number of a log file named `<attempt>.log`; -1 for other names.
long attempt_of(const std::filesystem::path& file);

}  // namespace kactor::node::podio
