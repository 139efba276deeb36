#pragma once

#include <cstdint>
#include <optional>

namespace kactor::node::runtime {

/// The fields of /proc/<pid>/stat the runtime needs.
struct proc_stat {
  char state = '?';  ///< R, S, D, Z (zombie), T, ...
  int ppid = 0;
  int pgid = 0;
  std::uint64_t start_ticks = 0;  ///< clock ticks after boot: with the pid, a process's identity
};

/// Reads /proc/<pid>/stat; nullopt when the process does not exist (or the file is garbled).
std::optional<proc_stat> read_proc_stat(int pid);

/// True when `pid` is alive (not a zombie) and started at `start_ticks`: the same process the
/// runtime started, not a later one that reused the pid.
bool same_process_alive(int pid, std::uint64_t start_ticks);

}  // namespace kactor::node::runtime
