#include "storage/schema.hpp"

#include <system_error>

#include "storage/encoding.hpp"

namespace kactor::storage {

namespace {

constexpr std::string_view schema_key = "schema";
constexpr std::string_view revision_key = "revision";
constexpr std::string_view compacted_key = "compacted";
constexpr std::string_view objects_key = "objects";

error not_ours(std::string why) {
  return make_error(error_code::corrupt, "not a kactor store: " + std::move(why));
}

result<std::uint64_t> read_counter(const lmdb::txn& tx, lmdb::table meta, std::string_view key) {
  auto bytes = tx.get(meta, key);
  if (!bytes) return bytes.error();
  if (!*bytes) return not_ours("meta key '" + std::string(key) + "' is missing");
  return encoding::decode_revision(**bytes);
}

result<tables> initialize(lmdb::txn& tx) {
  tables t;
  for (auto [name, slot] :
       {std::pair{"meta", &t.meta}, std::pair{"history", &t.history}, std::pair{"log", &t.log}}) {
    auto opened = tx.open_table(name, true);
    if (!opened) return opened.error();
    *slot = *opened;
  }
  if (auto st = tx.put(t.meta, schema_key, schema_name); !st) return st.error();
  if (auto st = write_meta(tx, t, meta_state{}); !st) return st.error();
  return t;
}

}  // namespace

status check_file_size(const lmdb::env& environment, const std::filesystem::path& data_file) {
  auto info = environment.info();
  if (!info) return info.error();
  std::error_code ec;
  auto size = std::filesystem::file_size(data_file, ec);
  if (ec)
    return make_error(error_code::unavailable, "stat " + data_file.string() + ": " + ec.message());
  if (size < info->used_bytes)
    return make_error(error_code::corrupt,
                      data_file.string() + " is truncated: " + std::to_string(size) +
                          " bytes, header needs " + std::to_string(info->used_bytes));
  return {};
}

result<tables> open_tables(lmdb::txn& tx, bool writable) {
  auto main = tx.open_table(nullptr, false);
  if (!main) return main.error();
  auto entries = tx.size(*main);
  if (!entries) return entries.error();
  if (*entries == 0) {
    if (writable) return initialize(tx);
    return not_ours("the database is empty");
  }
  tables t;
  for (auto [name, slot] :
       {std::pair{"meta", &t.meta}, std::pair{"history", &t.history}, std::pair{"log", &t.log}}) {
    auto opened = tx.open_table(name, false);
    if (!opened && opened.code() == error_code::not_found)
      return not_ours(std::string("table '") + name + "' is missing");
    if (!opened) return opened.error();
    *slot = *opened;
  }
  auto schema = tx.get(t.meta, schema_key);
  if (!schema) return schema.error();
  if (!*schema) return not_ours("no schema marker");
  if (**schema != schema_name)
    return make_error(error_code::corrupt, "unsupported store schema '" + std::string(**schema) +
                                               "' (this build reads '" + std::string(schema_name) +
                                               "')");
  return t;
}

result<meta_state> read_meta(const lmdb::txn& tx, const tables& t) {
  meta_state meta;
  for (auto [key, slot] :
       {std::pair{revision_key, &meta.current}, std::pair{compacted_key, &meta.compacted},
        std::pair{objects_key, &meta.objects}}) {
    auto value = read_counter(tx, t.meta, key);
    if (!value) return value.error();
    *slot = *value;
  }
  return meta;
}

status write_meta(lmdb::txn& tx, const tables& t, const meta_state& meta) {
  for (auto [key, value] :
       {std::pair{revision_key, meta.current}, std::pair{compacted_key, meta.compacted},
        std::pair{objects_key, meta.objects}})
    if (auto st = tx.put(t.meta, key, encoding::encode_revision(value)); !st) return st;
  return {};
}

}  // namespace kactor::storage
