#include "storage/encoding.hpp"

namespace kactor::storage::encoding {

namespace {

constexpr char put_tag = 0x01;
constexpr char tombstone_tag = 0x02;
constexpr std::size_t version_header = 1 + 8 + 8;
constexpr std::size_t log_header = 8 + 4;
constexpr std::size_t op_header = 1 + 8 + 2;

void append_be(std::string& out, std::uint64_t value, int bytes) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((value >> shift) & 0xff));
}

std::uint64_t read_be(std::string_view bytes, std::size_t pos, int width) {
  std::uint64_t value = 0;
  for (int i = 0; i < width; ++i)
    value = (value << 8) | static_cast<unsigned char>(bytes[pos + static_cast<std::size_t>(i)]);
  return value;
}

error corrupt(std::string what) {
  return make_error(error_code::corrupt, std::move(what));
}

}  // namespace

std::string encode_revision(revision rev) {
  std::string out;
  append_be(out, rev, 8);
  return out;
}

result<revision> decode_revision(std::string_view bytes) {
  if (bytes.size() != 8)
    return corrupt("revision of " + std::to_string(bytes.size()) + " bytes, expected 8");
  return read_be(bytes, 0, 8);
}

std::string history_key(std::string_view key, revision rev) {
  std::string out;
  out.reserve(key.size() + 9);
  out.append(key);
  out.push_back('\0');
  append_be(out, rev, 8);
  return out;
}

std::string history_key_end(std::string_view key) {
  std::string out(key);
  out.push_back('\x01');
  return out;
}

result<history_key_parts> split_history_key(std::string_view bytes) {
  if (bytes.size() < 10 || bytes[bytes.size() - 9] != '\0')
    return corrupt("malformed history key of " + std::to_string(bytes.size()) + " bytes");
  return history_key_parts{bytes.substr(0, bytes.size() - 9), read_be(bytes, bytes.size() - 8, 8)};
}

std::string encode_version(const version_record& record) {
  std::string out;
  if (record.deleted) {
    out.push_back(tombstone_tag);
    return out;
  }
  out.reserve(version_header + record.value.size());
  out.push_back(put_tag);
  append_be(out, record.create_revision, 8);
  append_be(out, static_cast<std::uint64_t>(record.version), 8);
  out.append(record.value);
  return out;
}

result<version_record> decode_version(std::string_view bytes) {
  if (bytes.size() == 1 && bytes[0] == tombstone_tag) return version_record{true, 0, 0, {}};
  if (bytes.size() < version_header || bytes[0] != put_tag)
    return corrupt("malformed version record of " + std::to_string(bytes.size()) + " bytes");
  version_record record;
  record.create_revision = read_be(bytes, 1, 8);
  record.version = static_cast<std::int64_t>(read_be(bytes, 9, 8));
  record.value = bytes.substr(version_header);
  return record;
}

std::string encode_log_entry(const log_entry& entry) {
  std::string out;
  append_be(out, static_cast<std::uint64_t>(entry.time_ns), 8);
  append_be(out, entry.ops.size(), 4);
  for (const auto& op : entry.ops) {
    out.push_back(op.type == event::kind::put ? put_tag : tombstone_tag);
    append_be(out, op.prev_mod_revision, 8);
    append_be(out, op.key.size(), 2);
    out.append(op.key);
  }
  return out;
}

result<log_entry> decode_log_entry(std::string_view bytes) {
  if (bytes.size() < log_header) return corrupt("truncated log entry");
  log_entry entry;
  entry.time_ns = static_cast<std::int64_t>(read_be(bytes, 0, 8));
  auto count = read_be(bytes, 8, 4);
  std::size_t pos = log_header;
  for (std::uint64_t i = 0; i < count; ++i) {
    if (bytes.size() - pos < op_header) return corrupt("truncated log operation");
    char tag = bytes[pos];
    if (tag != put_tag && tag != tombstone_tag) return corrupt("unknown log operation type");
    log_op op;
    op.type = tag == put_tag ? event::kind::put : event::kind::remove;
    op.prev_mod_revision = read_be(bytes, pos + 1, 8);
    auto key_size = read_be(bytes, pos + 9, 2);
    pos += op_header;
    if (bytes.size() - pos < key_size) return corrupt("truncated log key");
    op.key.assign(bytes.substr(pos, key_size));
    pos += key_size;
    entry.ops.push_back(std::move(op));
  }
  if (pos != bytes.size()) return corrupt("trailing bytes after log entry");
  return entry;
}

result<std::int64_t> decode_log_time(std::string_view bytes) {
  if (bytes.size() < log_header) return corrupt("truncated log entry");
  return static_cast<std::int64_t>(read_be(bytes, 0, 8));
}

}  // namespace kactor::storage::encoding
