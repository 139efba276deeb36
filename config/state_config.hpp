#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "config/result.hpp"

namespace kactor::config {

// The state role (the store on the bus, docs/state.md): YAML section `state`, read by
// `kactor state` and by `kactor up`, which hosts the role too. docs/config.md lists every field;
// config/state_fields.test.cpp keeps that list complete.
struct state_config {
  // How long changes stay available for watch resume and reads at old revisions; older history
  // is compacted. Flag --history-window. Default: 5 min (kube-apiserver's compaction interval).
  std::chrono::milliseconds history_window{300'000};
  // How often the store looks for history older than the window. Default: 10 s.
  std::chrono::milliseconds compaction_interval{10'000};
  // Reader threads serving reads (get, list, watch-from, status, range, history) and
  // compaction. 1-64. Default: 2.
  std::uint32_t readers = 2;
  // Bookmark cadence of a stream that published since its last bookmark. Default: 1 s.
  std::chrono::milliseconds bookmark_interval{1'000};
  // Bookmark cadence of every stream, idle ones included. Default: 30 s.
  std::chrono::milliseconds bookmark_all_interval{30'000};
  // Size of the store's memory map when it is created, bytes; the map doubles when full, up to
  // max_map_bytes. Default: 64 MiB.
  std::uint64_t initial_map_bytes = 64ull << 20;
  // Largest store (map and data file), bytes; a write that needs more fails with STORAGE_FULL.
  // Default: 8 GiB (etcd's recommended quota).
  std::uint64_t max_map_bytes = 8ull << 30;
  // Most write requests sharing one transaction and one fsync (group commit). 1-1000000.
  // Default: 1024.
  std::uint32_t max_batch_requests = 1024;
  // Most request bytes (keys and values) sharing one transaction. Default: 16 MiB.
  std::uint64_t max_batch_bytes = 16ull << 20;
  // On stop, how long the role waits for the writes committed last to be answered and their
  // events published. Default: 5 s.
  std::chrono::milliseconds drain_timeout{5'000};
};

// What single fields cannot check: durations greater than 0, initial_map_bytes at most
// max_map_bytes, batch bytes greater than 0. The first problem, naming the field
// ("config: state.readers: ...").
std::optional<config_error> check(const state_config& cfg);

}  // namespace kactor::config
