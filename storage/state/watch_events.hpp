#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kactor/bus.pb.h"
#include "storage/state/keys.hpp"
#include "storage/types.hpp"

// Stored changes as bus watch events (bus.proto WatchEvent), shared by the live publication
// and the watch-from catch-up so both say exactly the same.
namespace kactor::state {

namespace v1 = kactor::bus::v1;

// The WatchEvent of one stored change, with sequence and epoch 0:
//   put without a previous version -> ADDED, object = the new version;
//   put replacing a version        -> MODIFIED, object = the new version, previous_object = the
//   old; remove                         -> DELETED, object = previous_object = the last version.
// revision = the change's revision. Every object carries metadata.resourceVersion: the new
// version and a deleted object the change's revision (as Kubernetes reports a deletion),
// previous_object its own mod revision. nullopt when the key is not an API object key or a
// remove lacks its previous version (never the case for the store's events).
std::optional<v1::WatchEvent> to_watch_event(const storage::event& change, const key_space& keys);

// spec.nodeName of a Pod's bytes; "" when unset or when the bytes do not parse.
std::string node_of_pod(std::string_view pod);

// True for the resource whose events get node-scoped copies: core pods.
bool is_pod(const v1::WatchEvent& event);

}  // namespace kactor::state
