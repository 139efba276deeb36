#pragma once

#include <cstddef>

#include "storage/error.hpp"
#include "storage/lmdb.hpp"
#include "storage/schema.hpp"
#include "storage/types.hpp"

// The watchable change log: every committed revision, in order, as events carrying the new
// and the previous value. Watchers resume from the last revision they saw ("after R").
namespace kactor::storage {

// The events of revisions after `after`, in revision order, stopping before the first
// revision that would start once `max_events` events are collected (0: no limit); a revision
// is never split, so each batch holds at least one whole revision when any exists.
// `through` is the last revision covered: the last revision returned when more follow,
// otherwise meta.current.
//
// Errors: compacted when after < meta.compacted (the changes right after `after` are gone:
// relist); future_revision when after > meta.current.
//
// Example: revisions 5 (put a), 6 (put b, remove c), 7 (put a); after = 4, max_events = 2
// gives revisions 5 and 6 (3 events), through = 6, more = true.
result<change_batch> read_changes(lmdb::txn& tx, const tables& t, const meta_state& meta,
                                  revision after, std::size_t max_events);

}  // namespace kactor::storage
