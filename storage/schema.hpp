#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "storage/error.hpp"
#include "storage/lmdb.hpp"
#include "storage/types.hpp"

// The LMDB layout of a store (docs/storage.md): three named tables and the meta keys.
//   meta:    "schema" -> "kactor.storage/v1", "revision" / "compacted" / "objects" -> u64 BE
//   history: key 0x00 rev(8 BE) -> version record or tombstone (encoding.hpp)
//   log:     rev(8 BE) -> {commit time, ops: [type, key, prev_mod_revision]}
namespace kactor::storage {

inline constexpr std::string_view schema_name = "kactor.storage/v1";

struct tables {
  lmdb::table meta;
  lmdb::table history;
  lmdb::table log;
};

// The store-wide counters kept in `meta`.
struct meta_state {
  revision current = 1;       // latest committed revision; a fresh store starts at 1
  revision compacted = 0;     // reads need rev >= compacted; changes are kept for every rev > it
  std::uint64_t objects = 0;  // live keys

  bool operator==(const meta_state&) const = default;
};

// Checks that the data file covers every page its header claims, before any page is touched
// (a truncated copy would otherwise crash on first access). corrupt if it does not.
status check_file_size(const lmdb::env& environment, const std::filesystem::path& data_file);

// Opens the tables. An empty environment is initialized when `tx` is a write txn (schema,
// revision 1) and is corrupt otherwise. An environment holding anything else (another
// program's LMDB file, another schema version) is corrupt, with a message saying which.
result<tables> open_tables(lmdb::txn& tx, bool writable);

result<meta_state> read_meta(const lmdb::txn& tx, const tables& t);
status write_meta(lmdb::txn& tx, const tables& t, const meta_state& meta);

}  // namespace kactor::storage
