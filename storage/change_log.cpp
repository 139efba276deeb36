#include "storage/change_log.hpp"

#include "storage/encoding.hpp"
#include "storage/history.hpp"

namespace kactor::storage {

namespace {

// The version written at exactly `rev`; corrupt if the log names one history does not hold.
result<history::version> exact_version(lmdb::txn& tx, const tables& t, std::string_view key,
                                       revision rev) {
  auto bytes = tx.get(t.history, encoding::history_key(key, rev));
  if (!bytes) return bytes.error();
  if (!*bytes)
    return make_error(error_code::corrupt, "change log names version " + std::to_string(rev) +
                                               " of " + std::string(key) +
                                               " that history does not hold");
  auto record = encoding::decode_version(**bytes);
  if (!record) return record.error();
  return history::version{rev, *record};
}

result<event> to_event(lmdb::txn& tx, const tables& t, revision rev, const encoding::log_op& op) {
  event ev;
  ev.type = op.type;
  if (op.type == event::kind::put) {
    auto now = exact_version(tx, t, op.key, rev);
    if (!now) return now.error();
    ev.kv = history::to_key_value(op.key, *now);
  } else {
    ev.kv.key = op.key;
    ev.kv.mod_revision = rev;
  }
  if (op.prev_mod_revision != 0) {
    auto prev = exact_version(tx, t, op.key, op.prev_mod_revision);
    if (!prev) return prev.error();
    ev.prev = history::to_key_value(op.key, *prev);
  }
  return ev;
}

}  // namespace

result<change_batch> read_changes(lmdb::txn& tx, const tables& t, const meta_state& meta,
                                  revision after, std::size_t max_events) {
  if (after < meta.compacted)
    return make_error(error_code::compacted, "changes after revision " + std::to_string(after) +
                                                 " are compacted; the oldest resume point is " +
                                                 std::to_string(meta.compacted));
  if (after > meta.current)
    return make_error(error_code::future_revision, "revision " + std::to_string(after) +
                                                       " is beyond the current revision " +
                                                       std::to_string(meta.current));
  auto c = lmdb::cursor::open(tx, t.log);
  if (!c) return c.error();
  change_batch batch;
  batch.through = meta.current;
  for (auto at = c->seek(encoding::encode_revision(after + 1));; at = c->next()) {
    if (!at) return at.error();
    if (!*at) break;
    auto rev = encoding::decode_revision((*at)->first);
    if (!rev) return rev.error();
    if (max_events != 0 && batch.events.size() >= max_events) {
      batch.more = true;
      break;
    }
    auto entry = encoding::decode_log_entry((*at)->second);
    if (!entry) return entry.error();
    for (const auto& op : entry->ops) {
      auto ev = to_event(tx, t, *rev, op);
      if (!ev) return ev.error();
      batch.events.push_back(std::move(*ev));
    }
    batch.through = *rev;
  }
  if (!batch.more) batch.through = meta.current;
  return batch;
}

}  // namespace kactor::storage
