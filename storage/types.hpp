#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// The values the store hands out. Keys are etcd-style paths (`/registry/pods/default/web-1`),
// values are opaque bytes (serialized protobuf) the store never parses.
namespace kactor::storage {

// A global, strictly increasing revision. Each committed write request gets the next one; an
// object's resourceVersion is the revision of its last change. A fresh store is at revision 1
// (as etcd), so no object and no list ever carries revision 0.
using revision = std::uint64_t;

// One version of a live key.
struct key_value {
  std::string key;
  revision create_revision = 0;  // revision that created this incarnation of the key
  revision mod_revision = 0;     // revision of this version (the resourceVersion)
  std::int64_t version = 0;      // 1 at create, +1 per update; reset by delete + create
  std::string value;

  bool operator==(const key_value&) const = default;
};

// One change of one key, as found in the change log (watch) and in a write's result.
struct event {
  enum class kind : std::uint8_t { put, remove };

  kind type = kind::put;
  // put: the new version. remove: only `key` and `mod_revision` (the deletion's revision) are
  // set, as in etcd's delete events.
  key_value kv;
  // The version this change replaced; empty for the put that created the key.
  std::optional<key_value> prev;

  bool operator==(const event&) const = default;
};

// One entry of a key's history: a version, or a deletion (then only kv.key and
// kv.mod_revision are set).
struct key_version {
  bool deleted = false;
  key_value kv;

  bool operator==(const key_version&) const = default;
};

// What a committed write request did: all its operations happened at `rev`, in request order.
struct write_result {
  revision rev = 0;
  std::vector<event> events;
};

// A prefix range read: live keys starting with `prefix`, in key order.
struct range_request {
  std::string prefix;          // e.g. "/registry/pods/default/"; empty: every key
  revision at = 0;             // 0: the current revision
  std::size_t limit = 0;       // most items per page; 0: no limit
  std::string continue_token;  // from the previous page; it fixes the revision and start key
};

// A page of a prefix range read.
struct range_result {
  revision rev = 0;            // the revision every item was read at
  std::vector<key_value> kvs;  // in key order
  bool more = false;           // true when live keys remain after the last item
  std::string continue_token;  // non-empty iff more: pass it back to read the next page
};

// Changes after a resume point, in revision order. A revision's events are never split
// across batches, so the caller can always resume from `through`.
struct change_batch {
  std::vector<event> events;
  revision through = 0;  // every change up to and including this revision is in `events`
  bool more = false;     // true when further revisions exist after `through`
};

// Figures for health checks and `kactor store status`.
struct store_status {
  revision current = 0;            // the latest committed revision
  revision compacted = 0;          // reads below it fail with compacted; watch resumes need >= it
  std::uint64_t object_count = 0;  // live keys
  std::uint64_t db_bytes = 0;      // size of data.mdb on disk
  std::uint64_t map_bytes = 0;     // current LMDB map size (grows up to the configured maximum)
};

}  // namespace kactor::storage
