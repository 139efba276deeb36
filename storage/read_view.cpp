#include "storage/read_view.hpp"

#include "storage/change_log.hpp"
#include "storage/encoding.hpp"
#include "storage/history.hpp"

namespace kactor::storage {

result<key_value> read_view::get(std::string_view key) {
  auto c = lmdb::cursor::open(txn_, tables_.history);
  if (!c) return c.error();
  auto found = history::find_live(*c, key, at_);
  if (!found) return found.error();
  if (!*found)
    return make_error(error_code::not_found,
                      "key " + std::string(key) + " not found at revision " + std::to_string(at_));
  return history::to_key_value(key, **found);
}

result<scan_page> read_view::scan(std::string_view prefix, std::string_view start_key,
                                  std::size_t limit) {
  auto c = lmdb::cursor::open(txn_, tables_.history);
  if (!c) return c.error();
  scan_page page;
  // Visit each distinct key once: resolve it at rev(), then jump past all its versions.
  auto at = c->seek(start_key.empty() ? prefix : start_key);
  while (true) {
    if (!at) return at.error();
    if (!*at) break;
    auto parts = encoding::split_history_key((*at)->first);
    if (!parts) return parts.error();
    if (!parts->key.starts_with(prefix)) break;
    std::string key(parts->key);
    auto found = history::find_live(*c, key, at_);
    if (!found) return found.error();
    if (*found) {
      if (limit != 0 && page.kvs.size() == limit) {
        page.next_key = std::move(key);
        break;
      }
      page.kvs.push_back(history::to_key_value(key, **found));
    }
    at = c->seek(encoding::history_key_end(key));
  }
  return page;
}

result<std::vector<key_version>> read_view::history(std::string_view key) {
  auto c = lmdb::cursor::open(txn_, tables_.history);
  if (!c) return c.error();
  std::vector<key_version> out;
  for (auto at = c->seek(encoding::history_key(key, 0));; at = c->next()) {
    if (!at) return at.error();
    if (!*at) break;
    auto parts = encoding::split_history_key((*at)->first);
    if (!parts) return parts.error();
    if (parts->key != key || parts->rev > at_) break;
    auto record = encoding::decode_version((*at)->second);
    if (!record) return record.error();
    key_version entry;
    entry.deleted = record->deleted;
    entry.kv = record->deleted ? key_value{std::string(key), 0, parts->rev, 0, {}}
                               : history::to_key_value(key, history::version{parts->rev, *record});
    out.push_back(std::move(entry));
  }
  return out;
}

result<change_batch> read_view::changes_after(revision after, std::size_t max_events) {
  return read_changes(txn_, tables_, meta_, after, max_events);
}

}  // namespace kactor::storage
