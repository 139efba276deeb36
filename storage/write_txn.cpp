#include "storage/write_txn.hpp"

#include <algorithm>

#include "storage/encoding.hpp"
#include "storage/history.hpp"

namespace kactor::storage {

namespace {

status check_compare(const compare& cmp, const std::optional<history::version>& live) {
  switch (cmp.what) {
    case compare::kind::exists:
      if (!live) return make_error(error_code::not_found, "key " + cmp.key + " not found");
      return {};
    case compare::kind::absent:
      if (live)
        return make_error(
            error_code::already_exists,
            "key " + cmp.key + " already exists (mod revision " + std::to_string(live->rev) + ")");
      return {};
    case compare::kind::mod_revision:
      if (!live) return make_error(error_code::not_found, "key " + cmp.key + " not found");
      if (live->rev != cmp.expected)
        return make_error(error_code::conflict, "key " + cmp.key + " has mod revision " +
                                                    std::to_string(live->rev) + ", expected " +
                                                    std::to_string(cmp.expected));
      return {};
  }
  return make_error(error_code::invalid, "unknown compare kind");
}

}  // namespace

result<write_txn> write_txn::begin(lmdb::txn& tx, const tables& t, const request_limits& limits,
                                   std::int64_t now_ns) {
  auto meta = read_meta(tx, t);
  if (!meta) return meta.error();
  auto c = lmdb::cursor::open(tx, t.log);
  if (!c) return c.error();
  auto last = c->last();
  if (!last) return last.error();
  if (*last) {
    auto last_time = encoding::decode_log_time((*last)->second);
    if (!last_time) return last_time.error();
    now_ns = std::max(now_ns, *last_time);
  }
  return write_txn(tx, t, limits, *meta, now_ns);
}

result<write_result> write_txn::apply(const write_request& req) {
  if (broken_) return *broken_;
  if (auto st = validate(req, limits_); !st) return st.error();
  auto c = lmdb::cursor::open(txn_, tables_.history);
  if (!c) return c.error();
  auto prev = check(*c, req);
  if (!prev) return prev.error();
  auto done = write(req, std::move(*prev));
  if (!done) broken_ = done.error();
  return done;
}

result<std::vector<std::optional<key_value>>> write_txn::check(lmdb::cursor& c,
                                                               const write_request& req) {
  for (const auto& cmp : req.compares) {
    auto live = history::find_live(c, cmp.key, meta_.current);
    if (!live) return live.error();
    if (auto st = check_compare(cmp, *live); !st) return st.error();
  }
  std::vector<std::optional<key_value>> prev;
  prev.reserve(req.ops.size());
  for (const auto& op : req.ops) {
    auto live = history::find_live(c, op.key, meta_.current);
    if (!live) return live.error();
    if (op.type == operation::kind::remove && !*live)
      return make_error(error_code::not_found, "key " + op.key + " not found");
    // Copy now: later writes in this transaction may move the pages the view points into.
    prev.push_back(*live ? std::optional(history::to_key_value(op.key, **live)) : std::nullopt);
  }
  return prev;
}

result<write_result> write_txn::write(const write_request& req,
                                      std::vector<std::optional<key_value>> prev) {
  write_result out;
  out.rev = meta_.current + 1;
  auto objects = meta_.objects;
  encoding::log_entry entry{time_ns_, {}};
  for (std::size_t i = 0; i < req.ops.size(); ++i) {
    const auto& op = req.ops[i];
    event ev;
    ev.prev = std::move(prev[i]);
    encoding::version_record record;
    if (op.type == operation::kind::put) {
      ev.type = event::kind::put;
      ev.kv = key_value{op.key, ev.prev ? ev.prev->create_revision : out.rev, out.rev,
                        ev.prev ? ev.prev->version + 1 : 1, op.value};
      record = {false, ev.kv.create_revision, ev.kv.version, op.value};
      if (!ev.prev) ++objects;
    } else {
      ev.type = event::kind::remove;
      ev.kv = key_value{op.key, 0, out.rev, 0, {}};
      record.deleted = true;
      --objects;
    }
    auto st = txn_.put(tables_.history, encoding::history_key(op.key, out.rev),
                       encoding::encode_version(record));
    if (!st) return st.error();
    entry.ops.push_back({ev.type, op.key, ev.prev ? ev.prev->mod_revision : 0});
    out.events.push_back(std::move(ev));
  }
  auto st =
      txn_.put(tables_.log, encoding::encode_revision(out.rev), encoding::encode_log_entry(entry));
  if (!st) return st.error();
  meta_.current = out.rev;
  meta_.objects = objects;
  return out;
}

status write_txn::finish() {
  if (broken_) return *broken_;
  if (meta_ == initial_) return {};
  return write_meta(txn_, tables_, meta_);
}

}  // namespace kactor::storage
