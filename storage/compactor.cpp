#include "storage/compactor.hpp"

#include <algorithm>

#include "storage/encoding.hpp"

namespace kactor::storage {

namespace {

// Removes every version of `key` below `rev`, and `rev` itself if it is a deletion.
status compact_key(lmdb::txn& tx, const tables& t, const encoding::log_op& op, revision rev) {
  auto c = lmdb::cursor::open(tx, t.history);
  if (!c) return c.error();
  auto bound = encoding::history_key(op.key, rev);
  while (true) {
    auto older = c->seek_before(bound);
    if (!older) return older.error();
    if (!*older) break;
    auto parts = encoding::split_history_key((*older)->first);
    if (!parts) return parts.error();
    if (parts->key != op.key) break;
    if (auto st = c->remove_current(); !st) return st;
  }
  if (op.type == event::kind::remove) {
    auto removed = tx.remove(t.history, bound);
    if (!removed) return removed.error();
  }
  return {};
}

}  // namespace

result<compaction_progress> compact_step(write_txn& tx, revision limit, std::int64_t cutoff_ns,
                                         std::size_t max_ops) {
  auto& raw = tx.lmdb_txn();
  const auto& t = tx.layout();
  limit = std::min(limit, tx.meta().current);
  compaction_progress progress;
  progress.compacted = tx.meta().compacted;
  auto c = lmdb::cursor::open(raw, t.log);
  if (!c) return c.error();
  while (true) {
    auto oldest = c->first();
    if (!oldest) return oldest.error();
    if (!*oldest) {
      progress.done = true;
      break;
    }
    auto rev = encoding::decode_revision((*oldest)->first);
    if (!rev) return rev.error();
    auto entry = encoding::decode_log_entry((*oldest)->second);
    if (!entry) return entry.error();
    if (*rev > limit || entry->time_ns >= cutoff_ns) {
      progress.done = true;
      break;
    }
    if (progress.ops >= std::max<std::size_t>(max_ops, 1)) break;
    for (const auto& op : entry->ops)
      if (auto st = compact_key(raw, t, op, *rev); !st) return st.error();
    if (auto st = c->remove_current(); !st) return st.error();
    progress.ops += entry->ops.size();
    progress.compacted = *rev;
  }
  // Every entry up to `limit` is gone only if the walk stopped on the limit or at the end.
  if (progress.done) {
    auto next = c->first();
    if (!next) return next.error();
    bool limit_reached = !*next;
    if (*next) {
      auto rev = encoding::decode_revision((*next)->first);
      if (!rev) return rev.error();
      limit_reached = *rev > limit;
    }
    if (limit_reached) progress.compacted = std::max(progress.compacted, limit);
  }
  progress.compacted = std::max(progress.compacted, tx.meta().compacted);
  tx.set_compacted(progress.compacted);
  return progress;
}

}  // namespace kactor::storage
