#pragma once

#include <dirent.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "node/runtime/proc_stat.hpp"
#include "node/runtime/process_runtime.hpp"
#include "node/runtime/testing/temp_dir.hpp"

namespace kactor::node::runtime::testing {

inline std::string read_file(const std::string& path) {
  std::ifstream in{path};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Polls `path` until it contains `needle` or 20 s pass (a bounded wait on a file another
/// process writes; nothing else signals it).
inline bool wait_for_text(const std::string& path, const std::string& needle) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
  while (std::chrono::steady_clock::now() < deadline) {
    if (read_file(path).find(needle) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  return false;
}

/// Open fds of this process.
inline int open_fd_count() {
  int n = 0;
  DIR* d = ::opendir("/proc/self/fd");
  while (auto* e = ::readdir(d))
    n += e->d_name[0] != '.';
  ::closedir(d);
  return n - 1;  // the DIR's own fd
}

/// Zombie children of this process (exited, never reaped).
inline int zombie_children() {
  int n = 0;
  DIR* d = ::opendir("/proc");
  while (auto* e = ::readdir(d)) {
    int pid = std::atoi(e->d_name);
    if (pid <= 0) continue;
    auto st = read_proc_stat(pid);
    if (st && st->ppid == ::getpid() && st->state == 'Z') ++n;
  }
  ::closedir(d);
  return n;
}

/// A dead process is gone or a zombie waiting for a parent that is not this runtime.
inline bool process_dead(int pid) {
  auto st = read_proc_stat(pid);
  return !st || st->state == 'Z' || st->state == 'X';
}

/// A runtime over a temp state dir (no cgroups unless asked) and one sandbox.
struct fixture {
  temp_dir dir;
  std::unique_ptr<process_runtime> rt;
  sandbox_id sandbox;

  explicit fixture(bool cgroups = false, cgroup_layout layout = {}) {
    rt = open(cgroups, layout);
    pod_sandbox_config pod;
    pod.name = "web";
    pod.namespace_ = "default";
    pod.uid = "uid-" + std::to_string(::getpid());
    pod.log_directory = dir / "logs";
    auto id = rt->run_pod_sandbox(pod);
    if (!id) std::abort();
    sandbox = *id;
  }

  std::unique_ptr<process_runtime> open(bool cgroups = false, cgroup_layout layout = {}) {
    process_runtime_config cfg;
    cfg.state_dir = dir / "state";
    cfg.use_cgroups = cgroups;
    cfg.cgroups = layout;
    auto r = process_runtime::create(cfg);
    if (!r) std::abort();
    return std::move(*r);
  }

  static container_config config(std::string name, std::vector<std::string> command) {
    container_config c;
    c.name = std::move(name);
    c.command = std::move(command);
    c.env = {{"PATH", "/usr/local/bin:/usr/bin:/bin"}};
    c.log_path = c.name + "/0.log";
    return c;
  }

  /// Creates and starts; aborts the test on failure.
  container_id run(const container_config& c) {
    auto id = rt->create_container(sandbox, c);
    if (!id) std::abort();
    if (!rt->start_container(*id)) std::abort();
    return *id;
  }

  container_status wait(const container_id& id) {
    auto s = rt->wait_container(id, std::chrono::seconds{30});
    if (!s) std::abort();
    return *s;
  }
};

}  // namespace kactor::node::runtime::testing
