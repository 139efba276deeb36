#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <caf/expected.hpp>

namespace kactor::supervision {

// How a child process ended.
struct exit_status {
  bool signaled = false;  // killed by a signal (then `signal` is set), else exited (`code`)
  int code = 0;
  int signal = 0;

  // From a waitpid()/waitid() result.
  static exit_status from_wait_status(int status);
  // "exited with code 1", "killed by signal 9 (SIGKILL)".
  std::string describe() const;
  bool success() const { return !signaled && code == 0; }
};

// How to start a child.
struct spawn_options {
  // argv[0] is the program path (no PATH search; config/ resolves names). Required.
  std::vector<std::string> argv;
  // stdout and stderr are appended to this file (created 0644); empty: /dev/null.
  // stdin is always /dev/null.
  std::filesystem::path output;
  // PR_SET_PDEATHSIG(SIGKILL): the kernel kills the child when the parent dies, even by
  // kill -9, so no orphan survives us. Linux ties this to the *thread* that spawned the
  // child: spawn from a thread that lives as long as the child should (a detached actor).
  bool die_with_parent = true;
  // Run the child in its own process group: Ctrl-C in a terminal does not reach it (its
  // owner decides when it stops), and signal() reaches everything it started.
  bool own_process_group = true;
};

// Blocks until the process `pid`, a child of this process, has exited, WITHOUT reaping it
// (waitid with WNOWAIT): its owner reaps later with child_process::try_reap(), and until
// then the pid cannot be reused. Meant for a detached watcher thread; fails (ECHILD) when
// `pid` is not an unreaped child.
caf::expected<exit_status> wait_for_exit(pid_t pid);

// A running child process, owned (move-only). Spawning blocks briefly (fork, exec); call it
// where blocking is allowed (a detached actor). The destructor of a still-running child sends
// SIGKILL and reaps it, so an owner that dies never leaks a process or a zombie.
class child_process {
 public:
  // Starts the program. Reports exec failures synchronously through a close-on-exec pipe, so
  // "no such file" or "permission denied" is an error here, not an exit code 127 later:
  // "spawn /usr/bin/nats-server: No such file or directory". Signal mask and dispositions
  // are reset to defaults in the child; every descriptor but 0-2 is closed on exec.
  static caf::expected<child_process> spawn(const spawn_options& opts);

  child_process() = default;
  child_process(child_process&& other) noexcept;
  child_process& operator=(child_process&& other) noexcept;
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;
  ~child_process();

  // The pid; -1 for an empty object.
  pid_t pid() const { return pid_; }

  // True from spawn until reaped (a zombie still counts as running here).
  bool running() const { return pid_ > 0 && !status_; }

  // Sends `sig` to the child (to its process group with own_process_group). False when not
  // running or the kernel refused.
  bool signal(int sig) const;

  // Reaps the child if it has exited (non-blocking); its status, or nullopt while it runs.
  // After success, running() is false and status() keeps the result.
  std::optional<exit_status> try_reap();

  // Blocks until the child exits and reaps it.
  exit_status wait();

  // The exit status once reaped.
  const std::optional<exit_status>& status() const { return status_; }

 private:
  void kill_and_reap();

  pid_t pid_ = -1;
  bool group_ = false;
  std::optional<exit_status> status_;
};

}  // namespace kactor::supervision
