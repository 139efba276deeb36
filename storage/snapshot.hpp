#pragma once

#include <cstdint>
#include <filesystem>

#include "storage/error.hpp"
#include "storage/lmdb.hpp"
#include "storage/types.hpp"

// Snapshots: a whole store as one file (a compacted LMDB copy), for backup and restore
// (`kactor store snapshot save/restore`). A snapshot holds exactly the state of one committed
// revision: it is copied inside one read transaction while writes go on.
namespace kactor::storage {

// Writes a snapshot of `environment` to `file`: a temporary file beside it, fsynced, then
// renamed over `file` (an existing file is replaced only once the copy is complete).
// store::save_snapshot is the way in; this is its implementation. Errors: unavailable (I/O).
status write_snapshot(const lmdb::env& environment, const std::filesystem::path& file);

// What a snapshot holds.
struct snapshot_info {
  revision current = 0;
  revision compacted = 0;
  std::uint64_t objects = 0;
  std::uint64_t bytes = 0;  // file size
};

// Opens a snapshot read-only (no lock file is created) and reports its contents. corrupt if
// it is not a kactor store (not LMDB, truncated, foreign data, other schema); unavailable if
// it cannot be read.
result<snapshot_info> inspect_snapshot(const std::filesystem::path& file);

// Installs snapshot `file` as the data of the store in `data_dir` (created if missing), so
// that store::open(data_dir) finds the snapshot's revision and content. The store must not be
// open. Errors: already_exists if data_dir already holds a data file; those of
// inspect_snapshot (checked first, so a bad snapshot never lands); unavailable for I/O.
status restore_snapshot(const std::filesystem::path& file, const std::filesystem::path& data_dir);

}  // namespace kactor::storage
