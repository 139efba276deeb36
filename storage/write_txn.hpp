#pragma once

#include <cstdint>
#include <optional>

#include "storage/error.hpp"
#include "storage/lmdb.hpp"
#include "storage/request.hpp"
#include "storage/schema.hpp"
#include "storage/types.hpp"

// The write side of the store: one LMDB write transaction in which write requests are applied,
// each at the next revision. Obtain one inside store::update(); it commits when the function
// given to update() succeeds. Only the thread running update() may touch it.
namespace kactor::storage {

class write_txn {
 public:
  // Reads the counters and the last commit time. `now_ns` is the commit time recorded for
  // every revision of this transaction; it is raised to the previous commit time if the
  // clock went backwards, so commit times never decrease along revisions.
  static result<write_txn> begin(lmdb::txn& tx, const tables& t, const request_limits& limits,
                                 std::int64_t now_ns);

  const meta_state& meta() const { return meta_; }
  std::int64_t commit_time_ns() const { return time_ns_; }

  // Applies one request at revision meta().current + 1, all or nothing:
  // - invalid / too_large: the request's shape (request.hpp validate()); nothing written.
  // - not_found / already_exists / conflict: a compare or a remove of a key that is not live;
  //   nothing written, the transaction stays usable for further requests.
  // - any other error (storage_full, unavailable, corrupt, too_large from LMDB) happened while
  //   writing: the transaction is broken; every later call fails and store::update aborts it.
  // On success the revision advances by one and the result lists one event per operation.
  result<write_result> apply(const write_request& req);

  // For the compactor: the raw transaction and layout, and recording its progress.
  lmdb::txn& lmdb_txn() { return txn_; }
  const tables& layout() const { return tables_; }
  void set_compacted(revision rev) { meta_.compacted = rev; }

  // True once a write failed: the transaction must be aborted.
  bool broken() const { return broken_.has_value(); }

  // Writes the counters back if they changed; store::update calls it before committing.
  status finish();

 private:
  write_txn(lmdb::txn& tx, const tables& t, const request_limits& limits, meta_state meta,
            std::int64_t time_ns)
      : txn_(tx), tables_(t), limits_(limits), initial_(meta), meta_(meta), time_ns_(time_ns) {}

  // Phase 1: reads only. The live version of every operation's key (prev of its event).
  result<std::vector<std::optional<key_value>>> check(lmdb::cursor& c, const write_request& req);
  // Phase 2: writes history and log entries at the next revision.
  result<write_result> write(const write_request& req, std::vector<std::optional<key_value>> prev);

  lmdb::txn& txn_;
  tables tables_;
  const request_limits& limits_;
  meta_state initial_;
  meta_state meta_;
  std::int64_t time_ns_ = 0;
  std::optional<error> broken_;
};

}  // namespace kactor::storage
