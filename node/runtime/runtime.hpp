#pragma once

#include <chrono>
#include <functional>
#include <vector>

#include "node/runtime/error.hpp"
#include "node/runtime/types.hpp"

namespace kactor::node::runtime {

/// The container runtime interface the kubelet drives (the CRI's job, shaped after its
/// RuntimeService): a pod is a sandbox holding containers; a container is created, started,
/// stopped and removed by id. Implementations: process_runtime (Linux processes on the node's
/// filesystem); later an OCI runtime (runc bundles from images, one network namespace per
/// sandbox set up through CNI) behind the same calls.
///
/// Every call may block (fork, waiting for a grace period, file I/O): call it from a detached
/// actor or a worker thread, never from a cooperative scheduler thread. Implementations are
/// thread-safe. Errors are values; nothing throws.
class runtime {
 public:
  virtual ~runtime() = default;

  /// The runtime's name and whether resource limits can be enforced here.
  virtual runtime_info info() const = 0;

  /// Creates the pod's sandbox (for the OCI runtime: its network namespace). Fails with
  /// invalid when uid is empty.
  virtual result<sandbox_id> run_pod_sandbox(const pod_sandbox_config& config) = 0;

  /// Stops every container of the sandbox (as stop_container with `grace`) and marks it
  /// not ready. Idempotent. not_found for an unknown id.
  virtual result<void> stop_pod_sandbox(const sandbox_id& id, std::chrono::milliseconds grace) = 0;

  /// Stops (grace 0) and removes every container of the sandbox, then the sandbox.
  /// not_found for an unknown id.
  virtual result<void> remove_pod_sandbox(const sandbox_id& id) = 0;

  virtual result<pod_sandbox_status> inspect_pod_sandbox(const sandbox_id& id) = 0;
  virtual std::vector<pod_sandbox_status> list_pod_sandboxes() = 0;

  /// Creates a container in state created. Fails with not_found for an unknown sandbox,
  /// failed_precondition for a stopped one, unsupported when this runtime cannot run it
  /// (reason NoCommand on the process runtime).
  virtual result<container_id> create_container(const sandbox_id& sandbox,
                                                const container_config& config) = 0;

  /// Starts a created container. On start_failed the container is exited with reason
  /// StartError and exit code 128 (as Kubernetes reports an exec failure).
  virtual result<void> start_container(const container_id& id) = 0;

  /// SIGTERM to the container's processes, SIGKILL to whatever is left after `grace`; returns
  /// once the main process has exited. Idempotent on exited containers.
  virtual result<void> stop_container(const container_id& id, std::chrono::milliseconds grace) = 0;

  /// Stops (grace 0) and forgets the container; its log file stays (the kubelet rotates and
  /// deletes logs).
  virtual result<void> remove_container(const container_id& id) = 0;

  virtual result<container_status> inspect_container(const container_id& id) = 0;
  virtual std::vector<container_status> list_containers() = 0;

  /// Runs a command in a running container's environment and waits for it.
  virtual result<exec_result> exec_sync(const container_id& id, const exec_request& request) = 0;

  /// Called (on a runtime thread, without locks held) after a container's main process exited;
  /// the handler must only post a message (e.g. to the kubelet actor). Replaces any previous
  /// handler; an empty function removes it.
  virtual void on_container_exit(std::function<void(const container_id&)> handler) = 0;
};

}  // namespace kactor::node::runtime
