#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/error.hpp"
#include "storage/types.hpp"

// Byte layouts of everything the store writes to LMDB (docs/storage.md has a worked example).
// Integers are fixed-width big-endian so LMDB's bytewise key order is numeric order.
namespace kactor::storage::encoding {

// 8 bytes, big-endian.
std::string encode_revision(revision rev);

// The revision in an 8-byte value; corrupt if the size is not 8.
result<revision> decode_revision(std::string_view bytes);

// The `history` key of one version: key bytes, 0x00, revision (8 bytes BE). Keys never
// contain NUL (validate() rejects it), so all versions of a key are adjacent, ordered by
// revision, and sort before any longer key that starts with the same bytes.
std::string history_key(std::string_view key, revision rev);

// The smallest history key greater than every version of `key`: key bytes, 0x01.
std::string history_key_end(std::string_view key);

// A history key split back into the user key and the revision.
struct history_key_parts {
  std::string_view key;
  revision rev = 0;
};
result<history_key_parts> split_history_key(std::string_view bytes);

// The value stored under a history key: a version of the key, or its deletion (tombstone).
// Layout: put = 0x01, create_revision (8 BE), version (8 BE), value bytes; tombstone = 0x02.
struct version_record {
  bool deleted = false;
  revision create_revision = 0;
  std::int64_t version = 0;
  std::string_view value;  // views into the decoded bytes
};
std::string encode_version(const version_record& record);
result<version_record> decode_version(std::string_view bytes);

// One entry of the change log, keyed by its revision: when it was committed and which keys
// it changed. prev_mod_revision is the mod revision of the version the change replaced (0 if
// the put created the key), so old and new values are both found in `history`.
// Layout: time_ns (8 BE), op count (4 BE), then per op: type (1: 0x01 put, 0x02 remove),
// prev_mod_revision (8 BE), key length (2 BE), key bytes.
struct log_op {
  event::kind type = event::kind::put;
  std::string key;
  revision prev_mod_revision = 0;

  bool operator==(const log_op&) const = default;
};
struct log_entry {
  std::int64_t time_ns = 0;  // commit time, nanoseconds since the Unix epoch
  std::vector<log_op> ops;

  bool operator==(const log_entry&) const = default;
};
std::string encode_log_entry(const log_entry& entry);
result<log_entry> decode_log_entry(std::string_view bytes);

// Only the commit time of an encoded log entry (compaction reads nothing else).
result<std::int64_t> decode_log_time(std::string_view bytes);

}  // namespace kactor::storage::encoding
