#pragma once

#include <string>
#include <vector>

#include "node/runtime/error.hpp"
#include "node/runtime/types.hpp"

namespace kactor::node::runtime {

/// How to start one process.
struct spawn_spec {
  std::vector<std::string> argv;          ///< argv[0] without '/' is searched in env's PATH
  std::vector<env_var> env;               ///< the complete environment
  std::string working_dir;                ///< empty: "/"
  std::vector<std::string> join_cgroups;  ///< cgroup.procs files the child writes "0" to
  /// Each of stdin/stdout/stderr comes from an fd of the caller (>= 0, dup'ed into the child),
  /// else from a path opened O_RDWR by the child (a FIFO), else /dev/null.
  int stdin_fd = -1;
  int stdout_fd = -1;
  int stderr_fd = -1;
  std::string stdout_path;
  std::string stderr_path;
};

/// A started process: its pid (and process group: the child calls setsid) and a pidfd that
/// becomes readable when it exits.
struct spawned_process {
  int pid = 0;
  int pidfd = -1;
};

/// Forks and execs `spec` with signal mask and dispositions reset, in a new session (so the
/// process group id is the pid), with no fd but 0, 1, 2 inherited. Returns once the exec
/// succeeded. start_failed (reason StartError) with Kubernetes-like messages when the
/// executable is not found or the working dir, cgroup or exec fail; the failed child is reaped.
/// Callable from any thread.
result<spawned_process> spawn(const spawn_spec& spec);

/// The executable argv0 resolves to under `path_var` (a PATH value), or "" when none is found.
/// argv0 containing '/' is returned unchanged.
std::string resolve_executable(const std::string& argv0, const std::string& path_var);

/// Exit code of a waitid() result: the status, or 128 + signal when killed.
int exit_code_of(int code, int status);

/// pidfd_open(2) and waitid(P_PIDFD). wait_pidfd returns the exit code, or -1 when the process
/// is not this process's child (it cannot be reaped here), or -2 when it has not exited yet.
int open_pidfd(int pid);
int wait_pidfd(int pidfd, bool block);

}  // namespace kactor::node::runtime
