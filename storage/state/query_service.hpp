#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/state/keys.hpp"
#include "storage/store.hpp"

// The state commands that do not change cluster state: get, list, watch-from, status, range,
// history, and compact (which rewrites history but no object, and runs beside the committer).
// Each takes the request bytes and returns the reply bytes; a malformed request gets an
// INVALID reply. Blocking (LMDB reads, compaction steps): called by the reader actors, which
// run on their own threads. Thread-safe (the store is; the rest is immutable).
namespace kactor::state {

struct query_options {
  // A list, range or watch-from page ends once its objects pass this many bytes (at least one
  // item per page), so that replies fit the bus's max_payload (nats-server default 1 MiB).
  // Kubernetes semantics allow it: a page may hold fewer items than the limit, and the
  // continue token (list, range) or `more` (watch-from) says there is more. Default: 768 KiB.
  std::size_t reply_budget_bytes = 768 * 1024;
  // watch-from events per page when the request says 0, and the most it may ask for.
  // Defaults: 1000 and 10000.
  std::uint32_t default_watch_page = 1000;
  std::uint32_t max_watch_page = 10000;
  // Stored changes one watch-from page examines at most: a filter matching few changes
  // returns (with a BOOKMARK at the examined revision) instead of scanning the whole window.
  // Default: 100000.
  std::size_t max_watch_scan = 100000;
  // Log operations per compaction step (`compact`). Default: 2000.
  std::size_t compaction_batch_ops = 2000;
  // StatusReply.version and .epoch.
  std::string version;
  std::uint64_t epoch = 0;
};

class query_service {
 public:
  // `db` and `keys` must outlive the service.
  query_service(storage::store& db, const key_space& keys, query_options options);

  // The reply to `request` for a read verb (state_verbs.hpp); nullopt for another verb.
  std::optional<std::string> handle(std::string_view verb, std::string_view request);

  // GetRequest -> GetReply: NOT_FOUND, COMPACTED (error.revision = the compacted revision),
  // INVALID (bad ref).
  std::string get(std::string_view request);
  // ListRequest -> ListReply: objects in key order, paged (limit, reply budget, continue token).
  std::string list(std::string_view request);
  // WatchFromRequest -> WatchFromReply: the changes after after_revision of one resource
  // (resource "" = every resource, then namespace must be ""), whole revisions only, sequence 0.
  // COMPACTED (error.revision = the oldest revision still served) when after_revision is older.
  std::string watch_from(std::string_view request);
  // StatusRequest -> StatusReply.
  std::string status(std::string_view request);
  // CompactRequest -> CompactReply: revision 0 compacts by the configured window, otherwise to
  // that revision (INVALID beyond the current one; never backwards).
  std::string compact(std::string_view request);
  // RangeRequest -> RangeReply (state.proto).
  std::string range(std::string_view request);
  // HistoryRequest -> HistoryReply (state.proto).
  std::string history(std::string_view request);

 private:
  // The store's compacted revision now (0 when it cannot be read).
  storage::revision compacted_revision();
  // The reply for a storage error, with error.revision filled for COMPACTED.
  std::string failure(const storage::error& err);

  storage::store* db_;
  const key_space* keys_;
  query_options options_;
};

}  // namespace kactor::state
