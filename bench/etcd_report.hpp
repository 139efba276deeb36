#pragma once

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bench/etcd_load.hpp"

// The markdown that bench_etcd_compare prints: what ran where, and the figures side by side.
namespace kactor::bench {

// The facts printed above the tables.
struct report_context {
  std::string commit;       // "abc1234" or "abc1234-dirty"
  std::string machine;      // "2 CPUs, Linux 6.x"
  std::string storage;      // "/tmp/etcdbench-x on ext4"
  std::string etcd;         // first line of `etcd --version`
  std::string nats;         // first line of `nats-server --version`
  std::string load_before;  // /proc/loadavg before the servers started
  std::string load_after;   // and after the last point
  int seconds = 0;          // per point
  std::size_t value_bytes;  // bytes of one stored value
};

// One row: the same load on both systems (a side is empty when it failed).
struct compared_point {
  int clients = 0;
  std::optional<point_summary> etcd;
  std::optional<point_summary> kactor;
};

// Prints the whole report (header, put table, watch table, failures) to `out`.
void print_report(std::FILE* out, const report_context& ctx,
                  const std::vector<compared_point>& puts, const compared_point& watch,
                  const std::vector<std::string>& notes);

// `git -C source describe`-like short commit of the source tree, "-dirty" when tracked
// files differ from it; "unknown" without git.
std::string source_commit(const std::string& source_dir);
// The first line printed by `command` ("" when it fails).
std::string first_line_of(const std::string& command);
// "2 CPUs, Linux 6.18.44-fc".
std::string machine_description();
// "<dir> on ext4" (tmpfs, overlay or the magic number otherwise).
std::string storage_description(const std::filesystem::path& dir);
// Disk space allocated to the regular files under `dir` (0 when unreadable).
std::uintmax_t directory_bytes(const std::filesystem::path& dir);

}  // namespace kactor::bench
