#include "storage/history.hpp"

namespace kactor::storage::history {

result<std::optional<version>> find(lmdb::cursor& c, std::string_view key, revision at) {
  // Versions of `key` are adjacent and sorted by revision, so the entry just before
  // (key, at + 1) is the latest one at or below `at`, if it still belongs to `key`.
  auto found = c.seek_before(encoding::history_key(key, at + 1));
  if (!found) return found.error();
  if (!*found) return std::optional<version>{};
  auto parts = encoding::split_history_key((*found)->first);
  if (!parts) return parts.error();
  if (parts->key != key) return std::optional<version>{};
  auto record = encoding::decode_version((*found)->second);
  if (!record) return record.error();
  return std::optional<version>{version{parts->rev, *record}};
}

result<std::optional<version>> find_live(lmdb::cursor& c, std::string_view key, revision at) {
  auto found = find(c, key, at);
  if (found && *found && (*found)->record.deleted) return std::optional<version>{};
  return found;
}

key_value to_key_value(std::string_view key, const version& v) {
  return key_value{std::string(key), v.record.create_revision, v.rev, v.record.version,
                   std::string(v.record.value)};
}

}  // namespace kactor::storage::history
