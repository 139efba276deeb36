#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "node/runtime/error.hpp"
#include "node/runtime/types.hpp"

namespace kactor::node::runtime {

/// Where the runtime puts its cgroups: `<root>/<controller>/[<own cgroup>/]<parent>/<pod>/<id>`
/// for the controllers memory, cpu and pids.
struct cgroup_layout {
  std::string root = "/sys/fs/cgroup";  ///< where the v1 controllers are mounted
  std::string parent = "kactor";        ///< relative to each controller's base
  /// Base each controller's parent on the cgroup this process is in (from /proc/self/cgroup)
  /// instead of the controller's root: a kubelet inside a container or slice stays inside it.
  bool nest_under_own = false;
};

/// The cgroup directories of one container, one per controller; empty strings when cgroups
/// are disabled.
struct cgroup_paths {
  std::string memory;
  std::string cpu;
  std::string pids;
  bool empty() const { return memory.empty() && cpu.empty() && pids.empty(); }
  /// The `cgroup.procs` files a process writes "0" to in order to join (fork child side), each
  /// once (under v2 the three paths are one directory).
  std::vector<std::string> procs_files() const;
};

/// cgroup limits for containers: v1 (platform.md §3: these machines have v1 controllers and
/// cannot create v2 limits), or v2 when `root` is a unified hierarchy whose cgroup.controllers
/// offers memory, cpu and pids (then every path of a container is one directory and the v2
/// files are written: memory.max, cpu.max, cpu.weight, pids.max, after enabling the
/// controllers in each ancestor's cgroup.subtree_control). The class keeps its historical
/// name. Thread-safe after construction (it only touches files).
class cgroup_v1 {
 public:
  /// Detects v2 (see above) or the three v1 controllers and whether the parent directories can
  /// be created; if neither works, the manager is disabled and message() says why.
  explicit cgroup_v1(cgroup_layout layout);

  bool enabled() const { return enabled_; }
  /// True when the unified (v2) hierarchy is used.
  bool unified() const { return unified_; }
  const std::string& message() const { return message_; }

  /// Creates the container's directories (and the pod's) and writes the limits:
  /// memory.limit_in_bytes, cpu.cfs_period_us/cpu.cfs_quota_us, cpu.shares, pids.max.
  /// Disabled: empty paths. internal when a directory or limit cannot be written.
  result<cgroup_paths> create(std::string_view pod, std::string_view container,
                              const resource_limits& limits) const;

  /// The pod's directory for `controller` ("memory", "cpu", "pids"); "" when disabled.
  std::string pod_dir(std::string_view controller, std::string_view pod) const;

  /// Removes the container's directories (they must hold no process). Missing ones are fine.
  static void remove(const cgroup_paths& paths);

  /// Removes the pod's directories once their containers are gone.
  void remove_pod(std::string_view pod) const;

  /// How many processes the kernel's OOM killer killed in the memory cgroup (the oom_kill
  /// line of memory.oom_control); 0 without a memory cgroup.
  static std::int64_t oom_kills(const cgroup_paths& paths);

  /// Every process in the container's cgroups.
  static std::vector<int> processes(const cgroup_paths& paths);

  /// Sends `signal` to every process in the container's cgroups (escapees of the process
  /// group included).
  static void signal_all(const cgroup_paths& paths, int signal);

 private:
  std::string base(std::string_view controller) const;

  // v2: the unified base, with the controllers enabled down to it.
  bool detect_unified();
  result<cgroup_paths> create_unified(std::string_view pod, std::string_view container,
                                      const resource_limits& limits) const;

  cgroup_layout layout_;
  std::vector<std::pair<std::string, std::string>> bases_;  // controller -> base directory
  bool enabled_ = false;
  bool unified_ = false;
  std::string message_;
};

/// The cgroup path of this process for a v1 controller ("": in the unified v2 hierarchy),
/// from /proc/self/cgroup ("/" if absent).
std::string own_cgroup(std::string_view controller);

}  // namespace kactor::node::runtime
