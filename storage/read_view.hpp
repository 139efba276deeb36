#pragma once

#include <cstddef>
#include <shared_mutex>
#include <string_view>
#include <vector>

#include "storage/error.hpp"
#include "storage/lmdb.hpp"
#include "storage/schema.hpp"
#include "storage/types.hpp"

// A consistent, read-only look at the store at one revision (an LMDB read transaction plus the
// revision it reads at). Obtain one from store::read(); keep it short-lived (it pins old pages
// and blocks map growth) and never across a message boundary. One thread at a time may use a
// view; many views may exist at once. Every result is a copy that outlives the view.
namespace kactor::storage {

// A page of a prefix scan (store::range turns it into a range_result with a continue token).
struct scan_page {
  std::vector<key_value> kvs;
  std::string next_key;  // non-empty iff more live keys follow: the first key of the next page
};

class read_view {
 public:
  read_view(read_view&&) noexcept = default;
  read_view& operator=(read_view&&) noexcept = default;

  // The revision every read of this view answers at.
  revision rev() const { return at_; }
  // The store's latest revision and compacted revision when the view began.
  revision current() const { return meta_.current; }
  revision compacted() const { return meta_.compacted; }
  // Live keys when the view began.
  std::uint64_t object_count() const { return meta_.objects; }

  // The live version of `key` at rev(); not_found if absent or deleted at rev().
  result<key_value> get(std::string_view key);

  // Live keys that start with `prefix`, in key order, beginning at `start_key` (inclusive; empty
  // means the start of the prefix), at most `limit` of them (0: no limit).
  result<scan_page> scan(std::string_view prefix, std::string_view start_key, std::size_t limit);

  // Every version of `key` at or below rev() still retained (history since the compacted
  // revision), oldest first; deletions appear as entries with deleted == true.
  result<std::vector<key_version>> history(std::string_view key);

  // Changes committed after revision `after`, up to current(): see change_log.hpp.
  result<change_batch> changes_after(revision after, std::size_t max_events);

 private:
  friend class store;
  read_view(std::shared_lock<std::shared_timed_mutex> lock, lmdb::txn tx, tables t, meta_state meta,
            revision at)
      : lock_(std::move(lock)), txn_(std::move(tx)), tables_(t), meta_(meta), at_(at) {}

  std::shared_lock<std::shared_timed_mutex> lock_;  // held: keeps the map from being resized
  lmdb::txn txn_;
  tables tables_;
  meta_state meta_;
  revision at_ = 0;
};

}  // namespace kactor::storage
