#pragma once

#include <cstdint>
#include <vector>

#include "actors/informer/notification.hpp"
#include "actors/informer/snapshot.hpp"

// What a relist changed: the informer compares its cache with a fresh list and tells its
// listeners only the differences (410 Gone recovery without spurious events).
namespace kactor::informer {

// The changes that turn `before` into `after`, in key order: added for keys only in `after`,
// deleted (object = old = the cached one) for keys only in `before`, updated for keys in both
// whose revision differs. Keys with the same revision are unchanged (a revision identifies one
// version of one object) and produce nothing. Every change carries `revision` (the list's);
// group and resource are left empty for the caller.
std::vector<notification> relist_diff(const object_map& before, const object_map& after,
                                      std::uint64_t revision);

}  // namespace kactor::informer
