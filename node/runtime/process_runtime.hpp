#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "node/runtime/cgroup_v1.hpp"
#include "node/runtime/io_loop.hpp"
#include "node/runtime/log_sink.hpp"
#include "node/runtime/runtime.hpp"
#include "node/runtime/state_file.hpp"

namespace kactor::node::runtime {

/// Settings of the process runtime.
struct process_runtime_config {
  std::string state_dir;    ///< required: records and FIFOs (e.g. /var/lib/kactor/runtime)
  bool use_cgroups = true;  ///< false: never touch cgroups (limits are not enforced)
  cgroup_layout cgroups;    ///< where container cgroups go
  log_rotation rotation;    /// container log files: size and count kept (10 MiB, 5)
};

/// The runtime that runs each container as a Linux process on the node's own filesystem
/// (docs/runtime.md): `command` + `args` exec'ed in a new session (process group = pid) with
/// exactly the given environment and working dir, stdout/stderr through FIFOs into a CRI log
/// file, limits through cgroup v1 when writable. One io_loop thread pumps every log and reaps
/// every container through pidfds (no waitpid(-1): other children of the process are left
/// alone). Destroying the runtime leaves containers running; a new runtime over the same
/// state dir re-adopts them.
class process_runtime final : public runtime {
 public:
  /// Opens the state dir, detects cgroups, and re-adopts the recorded containers: a running
  /// record whose pid still has the recorded start time is watched again, otherwise it is
  /// reported exited (ContainerStatusUnknown, exit code 137, or OOMKilled when its cgroup
  /// saw an OOM kill). internal when the state dir cannot be created.
  static result<std::unique_ptr<process_runtime>> create(process_runtime_config config);

  ~process_runtime() override;

  runtime_info info() const override;
  result<sandbox_id> run_pod_sandbox(const pod_sandbox_config& config) override;
  result<void> stop_pod_sandbox(const sandbox_id& id, std::chrono::milliseconds grace) override;
  result<void> remove_pod_sandbox(const sandbox_id& id) override;
  result<pod_sandbox_status> inspect_pod_sandbox(const sandbox_id& id) override;
  std::vector<pod_sandbox_status> list_pod_sandboxes() override;
  result<container_id> create_container(const sandbox_id& sandbox,
                                        const container_config& config) override;
  result<void> start_container(const container_id& id) override;
  result<void> stop_container(const container_id& id, std::chrono::milliseconds grace) override;
  result<void> remove_container(const container_id& id) override;
  result<container_status> inspect_container(const container_id& id) override;
  std::vector<container_status> list_containers() override;
  result<exec_result> exec_sync(const container_id& id, const exec_request& request) override;
  void on_container_exit(std::function<void(const container_id&)> handler) override;

  /// Waits until the container is no longer running (or `timeout` passed) and returns its
  /// status; once it reports exited, its log file holds everything the process wrote.
  result<container_status> wait_container(const container_id& id,
                                          std::chrono::milliseconds timeout);

  /// Records in the state dir that could not be read at startup (they are ignored).
  const std::vector<std::string>& load_problems() const { return load_problems_; }

 private:
  struct entry {
    container_record rec;
    std::shared_ptr<log_sink> log;
    std::uint64_t exit_watch = 0;
  };

  process_runtime(process_runtime_config config, state_dir dir);

  void adopt(container_record rec);
  // Watches the main process through `pidfd` (owned by the watch from now on).
  void watch_exit(entry& e, int pidfd);
  // Loop thread: the main process of `id` exited.
  void handle_exit(const container_id& id, int pidfd);
  void kill_container(const container_record& rec, int signal);
  void persist(const container_record& rec);

  process_runtime_config config_;
  state_dir dir_;
  cgroup_v1 cgroups_;
  std::vector<std::string> load_problems_;

  mutable std::mutex mutex_;
  std::condition_variable exited_;
  std::map<sandbox_id, sandbox_record> sandboxes_;
  std::map<container_id, entry> containers_;
  std::function<void(const container_id&)> exit_handler_;
  // Last member: destroyed first, so no callback runs on a half-destroyed runtime.
  io_loop loop_;
};

/// The status a record reports.
container_status status_of(const container_record& rec);

/// A fresh id: 32 lower-case hex digits from the kernel's random source.
std::string random_id();

}  // namespace kactor::node::runtime
