#pragma once

#include <optional>
#include <string_view>

#include "storage/encoding.hpp"
#include "storage/error.hpp"
#include "storage/lmdb.hpp"
#include "storage/types.hpp"

// Lookups in the `history` table (key 0x00 rev -> version record): the index that answers
// "what was key K at revision R" for the read view, the writer and the compactor.
namespace kactor::storage::history {

// One stored version of a key. `record.value` views into the transaction's memory.
struct version {
  revision rev = 0;
  encoding::version_record record;
};

// The latest version of `key` at or below `at` (a tombstone counts as a version), or nullopt
// when the key has no version at or below `at` left in the table.
result<std::optional<version>> find(lmdb::cursor& c, std::string_view key, revision at);

// The latest version at or below `at` if it is live (not a tombstone).
result<std::optional<version>> find_live(lmdb::cursor& c, std::string_view key, revision at);

// A copy of a live version as a key_value.
key_value to_key_value(std::string_view key, const version& v);

}  // namespace kactor::storage::history
