#include "node/runtime/proc_stat.hpp"

#include <fstream>
#include <sstream>
#include <string>

namespace kactor::node::runtime {

std::optional<proc_stat> read_proc_stat(int pid) {
  if (pid <= 0) return std::nullopt;
  std::ifstream in{"/proc/" + std::to_string(pid) + "/stat"};
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  // "pid (comm) state ppid pgrp ...": comm may hold spaces and ')', so split after the last ')'.
  auto close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields{line.substr(close + 1)};
  proc_stat st;
  std::string skip;
  if (!(fields >> st.state >> st.ppid >> st.pgid)) return std::nullopt;
  // Fields 6..21 (session .. itrealvalue) precede starttime, field 22.
  for (int i = 6; i <= 21; ++i) {
    if (!(fields >> skip)) return std::nullopt;
  }
  if (!(fields >> st.start_ticks)) return std::nullopt;
  return st;
}

bool same_process_alive(int pid, std::uint64_t start_ticks) {
  auto st = read_proc_stat(pid);
  return st && st->state != 'Z' && st->state != 'X' && st->start_ticks == start_ticks;
}

}  // namespace kactor::node::runtime
