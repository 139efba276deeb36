#pragma once

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string_view>
#include <vector>

#include "storage/compactor.hpp"
#include "storage/error.hpp"
#include "storage/lmdb.hpp"
#include "storage/options.hpp"
#include "storage/read_view.hpp"
#include "storage/request.hpp"
#include "storage/schema.hpp"
#include "storage/types.hpp"
#include "storage/write_txn.hpp"

// The MVCC key/value store on LMDB that replaces etcd (docs/storage.md).
//
// Threading: reads may run on any thread, concurrently with each other and with the writer.
// Writes (update, apply, apply_batch, compact*) are serialized inside; in the daemon one
// thread, the committer's, does them all. Do not write from a thread that holds a read_view:
// growing the map waits for every view to end (bounded by resize_wait, then unavailable).
//
// Durability: LMDB's default flags (fsync on commit). A write reported successful survives
// kill -9 and power loss; a failed one left nothing behind.
namespace kactor::storage {

class store {
 public:
  // Opens the store in options.data_dir, creating it (revision 1, empty) if the directory
  // has no data file. Errors: invalid (bad options, data_dir is not a directory), corrupt
  // (data.mdb is not LMDB, is truncated, or holds another program's or schema's data),
  // unavailable (permissions, I/O).
  static result<std::unique_ptr<store>> open(store_options options);

  store(const store&) = delete;
  store& operator=(const store&) = delete;
  ~store();

  // --- reads ---

  // A view at revision `at` (0: current). compacted if at < compacted revision,
  // future_revision if at > current revision.
  result<read_view> read(revision at = 0);
  // The live version of `key` at `at` (0: current); not_found, compacted, future_revision.
  result<key_value> get(std::string_view key, revision at = 0);
  // One page of a prefix listing. Without a token it reads at req.at (0: current); with one
  // it reads at the token's revision, so all pages form one consistent listing. Errors:
  // invalid (malformed token, token of another prefix, req.at contradicting the token),
  // compacted (the listing's revision was compacted meanwhile: start over), future_revision.
  result<range_result> range(const range_request& req);
  // Changes after revision `after` (change_log.hpp): the watch resume primitive.
  result<change_batch> changes_after(revision after, std::size_t max_events);
  // Every retained version of `key`, oldest first.
  result<std::vector<key_version>> history(std::string_view key);
  // Revision, compacted revision, object count, file and map size (etcdctl endpoint status).
  result<store_status> stats();

  // --- writes ---

  // Managed transaction: runs fn in one write transaction and commits (durably) iff fn
  // returns ok; otherwise aborts and returns fn's error. When the map is full it grows the
  // map and runs fn again from scratch, so fn must have no effect outside `tx` beyond what
  // it recomputes on every run. storage_full once the map is at max_map_bytes.
  status update(const std::function<status(write_txn& tx)>& fn);

  // One request in its own transaction (one fsync).
  result<write_result> apply(const write_request& req);

  // Group commit: all requests in one transaction (one fsync), each at its own revision in
  // order. A request failing for its own reason (conflict, not_found, invalid ...) changes
  // nothing and does not affect the others. If the transaction itself fails (storage_full at
  // the maximum, I/O error) every request gets that error and nothing was applied.
  std::vector<result<write_result>> apply_batch(std::span<const write_request> requests);

  // One compaction step (compactor.hpp) dropping history older than history_window by the
  // injected clock, at most max_ops log operations. Call until done.
  result<compaction_progress> compact(std::size_t max_ops);
  // One compaction step towards revision `rev` regardless of age (etcdctl compact).
  // future_revision if rev > current.
  result<compaction_progress> compact_to(revision rev, std::size_t max_ops);

  // Writes a consistent, compacted copy of the whole store to `file` (atomically: a temporary
  // file renamed into place, fsynced), while reads and writes go on. See snapshot.hpp.
  status save_snapshot(const std::filesystem::path& file);

  const store_options& options() const { return options_; }

 private:
  store(store_options options, lmdb::env environment, tables t);

  result<lmdb::txn> begin_write();
  // Doubles the map up to max_map_bytes; storage_full at the maximum.
  status grow_map();
  // Sets the map size (0: adopt the file's) once no read view is open; unavailable after
  // resize_wait.
  status resize_map(std::uint64_t bytes);
  // Held by every read view: waits while a resize is pending, then shares resize_mutex_.
  std::shared_lock<std::shared_timed_mutex> lock_for_reading();
  std::int64_t now_ns() const;

  store_options options_;
  lmdb::env env_;
  tables tables_;
  std::mutex write_mutex_;                // one writer at a time in this process
  std::shared_timed_mutex resize_mutex_;  // shared: open read views; exclusive: map resize
  std::mutex gate_mutex_;
  std::condition_variable gate_open_;
  bool resize_pending_ = false;  // guarded by gate_mutex_: new read views wait while set
};

}  // namespace kactor::storage
