#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "kactor/bus.pb.h"
#include "storage/state/keys.hpp"
#include "storage/store.hpp"

// The watch-from read: the changes a subscriber missed, from the store's change log, filtered
// to one key prefix, in pages. This is how an informer catches up after a gap (docs/bus.md).
namespace kactor::state {

struct catch_up_limits {
  std::size_t max_events = 1000;      // a page ends at a revision boundary once it has this many
  std::size_t max_bytes = 768 << 10;  // ... or its objects this many bytes
  std::size_t max_scan = 100000;      // ... or this many stored changes were examined
};

// The changes after revision `after` of keys starting with `prefix`, as WatchEvents with
// sequence and epoch 0, in revision order, never splitting a revision. reply.revision is the
// store's revision when read. reply.more is true when the page stopped early (a limit): then
// the caller asks again after the revision of the page's last event. When the examined changes
// go beyond the last matching one (or none matched), the page ends with a BOOKMARK event at the
// last examined revision, so that asking again after it never examines the same changes twice.
//
// Errors: compacted when `after` is older than the compacted revision (`oldest` is then set
// to the compacted revision: the oldest revision a watch can resume from); future_revision
// when `after` is beyond the current revision.
//
// Example: prefix /registry/pods/, after 10, max_events 2; the log holds 11 (pod a), 12
// (service s), 13 (pod b, pod c in one txn), 14 (pod d). Page 1: 11, 13, 13 (the limit is
// reached inside revision 13, which is finished), more = true. Page 2 (after 13): 14,
// more = false, revision 14.
storage::result<bus::v1::WatchFromReply> read_catch_up(storage::store& db, const key_space& keys,
                                                       const std::string& prefix,
                                                       storage::revision after,
                                                       const catch_up_limits& limits,
                                                       storage::revision* oldest = nullptr);

}  // namespace kactor::state
