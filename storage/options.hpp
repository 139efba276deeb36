#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>

#include "storage/request.hpp"

// Configuration of the storage module: plain structs, filled by config/ (the only reader of
// files and flags) and handed to store::open and the committer.
namespace kactor::storage {

// The wall clock used for commit times (compaction by time). Tests inject a fake one.
using clock_function = std::function<std::chrono::system_clock::time_point()>;

struct store_options {
  // Directory holding data.mdb and lock.mdb; created if missing. Required.
  std::filesystem::path data_dir;
  // Map size at creation, bytes. The map doubles when full, up to max_map_bytes.
  // Default: 64 MiB.
  std::uint64_t initial_map_bytes = 64ull << 20;
  // Largest map (and so data file) size, bytes; a write that needs more fails with
  // storage_full. Default: 8 GiB (etcd's recommended maximum quota).
  std::uint64_t max_map_bytes = 8ull << 30;
  // Key and request size limits. Default: keys <= 500 bytes, requests <= 1.5 MiB (etcd).
  request_limits limits;
  // How long changes stay available for watch resume and old reads. Default: 5 min
  // (kube-apiserver's compaction interval).
  std::chrono::milliseconds history_window = std::chrono::minutes(5);
  // Concurrent read views (all processes together). Default: 126 (LMDB's default).
  unsigned max_readers = 126;
  // How long map growth waits for open read views to end before failing with unavailable.
  // Default: 10 s.
  std::chrono::milliseconds resize_wait = std::chrono::seconds(10);
  // Open without write access (inspection tools); writes fail with unavailable. Default: off.
  bool read_only = false;
  // Commit-time clock. Default: std::chrono::system_clock::now.
  clock_function clock;
};

struct committer_options {
  // Most requests sharing one write transaction (one fsync). Default: 1024.
  std::size_t max_batch_requests = 1024;
  // Most request bytes (keys + values) sharing one write transaction. Default: 16 MiB.
  std::size_t max_batch_bytes = 16u << 20;
  // How often the committer looks for history older than the window. Default: 10 s.
  std::chrono::milliseconds compaction_interval = std::chrono::seconds(10);
  // Log operations per compaction step; write batches run between steps. Default: 2000.
  std::size_t compaction_batch_ops = 2000;
};

}  // namespace kactor::storage
