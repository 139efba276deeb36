#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kactor::node::runtime {

/// Opaque ids chosen by the runtime (32 lower-case hex digits for the process runtime).
using sandbox_id = std::string;
using container_id = std::string;

/// One environment variable, already resolved (ConfigMap, Secret and fieldRef values are the
/// kubelet's job). Order matters: later entries may refer to earlier ones in `$(VAR)` form,
/// which the kubelet expands before the runtime sees them.
struct env_var {
  std::string name;
  std::string value;
  friend bool operator==(const env_var&, const env_var&) = default;
};

/// Resource settings of one container. Zero means "not set".
struct resource_limits {
  std::int64_t cpu_request_millis = 0;  ///< -> cpu.shares (1000m = 1024 shares, minimum 2)
  std::int64_t cpu_limit_millis = 0;    ///< -> cpu.cfs_quota_us over a 100 ms period
  std::int64_t memory_limit_bytes = 0;  ///< -> memory.limit_in_bytes
  std::int64_t pids_limit = 0;          ///< -> pids.max
  friend bool operator==(const resource_limits&, const resource_limits&) = default;
};

/// What a pod sandbox is: the pod's identity and where its logs go. The OCI runtime will add
/// the network namespace (CNI) here; the process runtime shares the node's network.
struct pod_sandbox_config {
  std::string name;
  std::string namespace_;
  std::string uid;
  std::uint32_t attempt = 0;
  std::string log_directory;  ///< absolute; container log paths are relative to it
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
};

/// What to run. `command` replaces the image's entrypoint and `args` its cmd, as in the Pod
/// spec; the process runtime requires `command` (it has no image to take an entrypoint from).
struct container_config {
  std::string name;
  std::uint32_t attempt = 0;  ///< the restart count this container is started for
  std::string image;          ///< kept for the OCI runtime; the process runtime ignores it
  std::vector<std::string> command;
  std::vector<std::string> args;
  std::vector<env_var> env;  ///< exactly the environment the process gets
  std::string working_dir;   ///< empty: "/"
  std::string log_path;      ///< relative to the sandbox's log_directory; empty: no log
  resource_limits resources;
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
};

enum class container_state { created, running, exited, unknown };

/// "created", "running", "exited", "unknown".
const char* to_string(container_state s);

/// A container as the runtime sees it now. Times are nanoseconds since the Unix epoch, 0 when
/// the event has not happened.
struct container_status {
  container_id id;
  sandbox_id sandbox;
  std::string name;
  std::uint32_t attempt = 0;
  container_state state = container_state::unknown;
  int pid = 0;  ///< the main process while running, else 0
  std::int64_t created_at = 0;
  std::int64_t started_at = 0;
  std::int64_t finished_at = 0;
  int exit_code = 0;   ///< the exit status, or 128 + signal number when killed by a signal
  std::string reason;  ///< when exited: Completed, Error, OOMKilled, StartError,
                       ///< ContainerStatusUnknown
  std::string message;
  std::string log_path;  ///< absolute, empty when the container has no log
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
};

enum class sandbox_state { ready, not_ready };

struct pod_sandbox_status {
  sandbox_id id;
  pod_sandbox_config config;
  sandbox_state state = sandbox_state::ready;
  std::int64_t created_at = 0;
};

/// A command run inside a running container (exec probes, `kubectl exec` without a tty).
struct exec_request {
  std::vector<std::string> argv;  ///< argv[0] is searched in the container's PATH
  std::string stdin_data;         ///< written to the command's stdin, which is then closed
  std::int64_t timeout_ms = 0;    ///< 0: no timeout; on timeout the command's group is killed
};

struct exec_result {
  int exit_code = 0;  ///< 128 + signal when killed; -1 with timed_out
  bool timed_out = false;
  std::string stdout_data;
  std::string stderr_data;
};

/// What the runtime can do on this machine, reported once at startup and on demand.
struct runtime_info {
  std::string name;  ///< "process"
  bool cgroups_enabled = false;
  std::string message;  ///< why cgroups are off, or "" when they are on
};

}  // namespace kactor::node::runtime
