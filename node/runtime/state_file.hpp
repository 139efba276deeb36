#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "node/runtime/cgroup_v1.hpp"
#include "node/runtime/error.hpp"
#include "node/runtime/types.hpp"

namespace kactor::node::runtime {

/// What the process runtime knows about a container, persisted so that a restarted runtime
/// can re-adopt it.
struct container_record {
  container_id id;
  sandbox_id sandbox;
  container_config config;
  container_state state = container_state::created;
  int pid = 0;
  std::uint64_t start_ticks = 0;  ///< /proc/<pid>/stat starttime: pid + this = the process
  std::int64_t created_at = 0;
  std::int64_t started_at = 0;
  std::int64_t finished_at = 0;
  int exit_code = 0;
  std::string reason;
  std::string message;
  std::string log_path;  ///< absolute
  cgroup_paths cgroups;
};

struct sandbox_record {
  sandbox_id id;
  pod_sandbox_config config;
  sandbox_state state = sandbox_state::ready;
  std::int64_t created_at = 0;
};

/// The runtime's state directory: `<dir>/sandboxes/<id>.json` and
/// `<dir>/containers/<id>/state.json` (beside the container's stdout/stderr FIFOs). Files are
/// replaced atomically (write a temporary file, fsync, rename). Not thread-safe: the runtime
/// serializes calls.
class state_dir {
 public:
  /// Creates the directories; internal when that fails.
  static result<state_dir> open(std::string dir);

  const std::string& path() const { return dir_; }

  /// `<dir>/containers/<id>`, created on demand by save().
  std::string container_dir(const container_id& id) const;

  result<void> save(const container_record& r) const;
  result<void> save(const sandbox_record& r) const;
  void remove_container(const container_id& id) const;
  void remove_sandbox(const sandbox_id& id) const;

  /// Every readable record; unreadable files are skipped and named in `problems`.
  std::vector<container_record> load_containers(std::vector<std::string>& problems) const;
  std::vector<sandbox_record> load_sandboxes(std::vector<std::string>& problems) const;

 private:
  explicit state_dir(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
};

}  // namespace kactor::node::runtime
