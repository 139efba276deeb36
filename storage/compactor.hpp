#pragma once

#include <cstddef>
#include <cstdint>

#include "storage/error.hpp"
#include "storage/types.hpp"
#include "storage/write_txn.hpp"

// Compaction: drops history nobody can ask for any more, in bounded steps. After compacting to
// revision C the store still answers every read at a revision >= C exactly and keeps every
// change after C (with its previous value), so watchers may resume from any revision >= C.
//
// One step walks the change log from its oldest entry. For an operation on key K at revision r
// (r <= C): every version of K below r is superseded at C, so it goes; r itself goes too when
// it is a deletion (nothing can read a deleted key at >= C). Then the log entry goes.
//
// Worked example, window 5 min, now 12:10: revisions 2 (put a, 12:00), 3 (put a, 12:03),
// 4 (remove a, 12:04), 5 (put b, 12:06). Cutoff 12:05: entries 2, 3, 4 are older.
// Entry 2: nothing older than a@2. Entry 3: deletes a@2. Entry 4: deletes a@3 and the
// tombstone a@4. Compacted revision = 4; history holds b@5 and log entry 5 only. Reads at 4
// see no a (correct), changes_after(4) gives the put of b, changes_after(3) is compacted.
namespace kactor::storage {

struct compaction_progress {
  revision compacted = 0;  // the compacted revision after this step
  std::size_t ops = 0;     // log operations processed by this step
  bool done = false;       // nothing left to compact under the given bounds
};

// One step inside `tx`: processes whole log entries in revision order while their revision is
// <= `limit` and their commit time is < `cutoff_ns`, stopping once `max_ops` operations are
// processed (at least one entry per step). The compacted revision becomes the last processed
// revision, or `limit` when every entry up to `limit` is gone. Never moves it backwards.
result<compaction_progress> compact_step(write_txn& tx, revision limit, std::int64_t cutoff_ns,
                                         std::size_t max_ops);

}  // namespace kactor::storage
