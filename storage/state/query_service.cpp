#include "storage/state/query_service.hpp"

#include <algorithm>

#include "kactor/bus.pb.h"
#include "kactor/state.pb.h"
#include "storage/continue_token.hpp"
#include "storage/state/catch_up.hpp"
#include "storage/state/reply_error.hpp"
#include "storage/state/resource_version.hpp"
#include "storage/state/state_verbs.hpp"
#include "storage/state/watch_events.hpp"

namespace kactor::state {

namespace {

using storage::error_code;

std::string malformed(std::string_view what) {
  return error_reply(v1::Error::INVALID, "malformed " + std::string(what));
}

template <class Message>
bool parse(Message& message, std::string_view bytes) {
  return message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

object_ref ref_of(const v1::ObjectRef& ref) {
  return {ref.group(), ref.resource(), ref.namespace_(), ref.name()};
}

// Where a paged listing ended.
struct page_end {
  storage::revision rev = 0;
  std::string continue_token;  // "" when nothing is left
};

// Reads `prefix` page by page from the position `token` (or the start, at revision `at`),
// handing each key to `add` (which returns the bytes it added), until `limit` keys (0: no
// limit) or `budget` bytes are reached; at least one key per call. Every chunk reads at the
// revision of the first (the continue token pins it), so the whole page is one snapshot.
template <class Add>
storage::result<page_end> read_pages(storage::store& db, const std::string& prefix,
                                     storage::revision at, std::uint32_t limit, std::string token,
                                     std::size_t budget, Add&& add) {
  constexpr std::size_t chunk = 256;
  std::size_t count = 0, bytes = 0;
  storage::range_request req{prefix, at, 0, std::move(token)};
  while (true) {
    req.limit = limit == 0 ? chunk : std::min<std::size_t>(chunk, limit - count);
    auto page = db.range(req);
    if (!page) return page.error();
    for (auto& kv : page->kvs) {
      if (count > 0 && bytes + kv.value.size() > budget)
        return page_end{page->rev, storage::encode_continue({page->rev, kv.key})};
      bytes += add(std::move(kv));
      ++count;
    }
    if (!page->more) return page_end{page->rev, {}};
    if (limit != 0 && count >= limit) return page_end{page->rev, page->continue_token};
    req.at = 0;  // the token carries the revision
    req.continue_token = std::move(page->continue_token);
  }
}

}  // namespace

query_service::query_service(storage::store& db, const key_space& keys, query_options options)
    : db_(&db), keys_(&keys), options_(std::move(options)) {}

std::optional<std::string> query_service::handle(std::string_view verb, std::string_view request) {
  if (verb == verbs::get) return get(request);
  if (verb == verbs::list) return list(request);
  if (verb == verbs::watch_from) return watch_from(request);
  if (verb == verbs::status) return status(request);
  if (verb == verbs::compact) return compact(request);
  if (verb == verbs::range) return range(request);
  if (verb == verbs::history) return history(request);
  return std::nullopt;
}

storage::revision query_service::compacted_revision() {
  auto view = db_->read(0);
  return view ? view->compacted() : 0;
}

std::string query_service::failure(const storage::error& err) {
  auto out = to_bus_error(err);
  if (err.code == error_code::compacted) out.set_revision(compacted_revision());
  return error_reply(out);
}

std::string query_service::get(std::string_view request) {
  v1::GetRequest req;
  if (!parse(req, request)) return malformed("GetRequest");
  auto key = keys_->key_of(ref_of(req.ref()));
  if (!key) return failure(key.error());
  auto view = db_->read(req.revision());
  if (!view) return failure(view.error());
  auto kv = view->get(*key);
  if (!kv) return failure(kv.error());
  v1::GetReply reply;
  reply.set_object(with_resource_version(kv->value, kv->mod_revision));
  reply.set_mod_revision(kv->mod_revision);
  reply.set_revision(view->rev());
  return reply.SerializeAsString();
}

std::string query_service::list(std::string_view request) {
  v1::ListRequest req;
  if (!parse(req, request)) return malformed("ListRequest");
  auto prefix = keys_->prefix_of(req.group(), req.resource(), req.namespace_());
  if (!prefix) return failure(prefix.error());
  v1::ListReply reply;
  auto end = read_pages(*db_, *prefix, req.revision(), req.limit(), req.continue_token(),
                        options_.reply_budget_bytes, [&](storage::key_value&& kv) {
                          auto* item = reply.add_items();
                          item->set_mod_revision(kv.mod_revision);
                          append_resource_version(kv.value, kv.mod_revision);
                          item->set_object(std::move(kv.value));
                          return item->object().size();
                        });
  if (!end) return failure(end.error());
  reply.set_revision(end->rev);
  reply.set_continue_token(end->continue_token);
  return reply.SerializeAsString();
}

std::string query_service::watch_from(std::string_view request) {
  v1::WatchFromRequest req;
  if (!parse(req, request)) return malformed("WatchFromRequest");
  std::string prefix(registry_prefix);
  if (!req.resource().empty()) {
    auto p = keys_->prefix_of(req.group(), req.resource(), req.namespace_());
    if (!p) return failure(p.error());
    prefix = std::move(*p);
  } else if (!req.group().empty() || !req.namespace_().empty()) {
    return error_reply(v1::Error::INVALID,
                       "watch-from of every resource (resource \"\") takes no group or namespace");
  }
  catch_up_limits limits;
  limits.max_events = req.limit() == 0 ? options_.default_watch_page
                                       : std::min(req.limit(), options_.max_watch_page);
  limits.max_bytes = options_.reply_budget_bytes;
  limits.max_scan = options_.max_watch_scan;
  storage::revision oldest = 0;
  auto reply = read_catch_up(*db_, *keys_, prefix, req.after_revision(), limits, &oldest);
  if (!reply) {
    auto err = to_bus_error(reply.error());
    if (reply.code() == error_code::compacted) err.set_revision(oldest);
    return error_reply(err);
  }
  return reply->SerializeAsString();
}

std::string query_service::range(std::string_view request) {
  v1::RangeRequest req;
  if (!parse(req, request)) return malformed("RangeRequest");
  v1::RangeReply reply;
  auto end = read_pages(*db_, req.prefix(), req.revision(), req.limit(), req.continue_token(),
                        options_.reply_budget_bytes, [&](storage::key_value&& kv) {
                          auto* out = reply.add_kvs();
                          out->set_key(kv.key);
                          out->set_create_revision(kv.create_revision);
                          out->set_mod_revision(kv.mod_revision);
                          out->set_version(kv.version);
                          if (!req.keys_only()) {
                            append_resource_version(kv.value, kv.mod_revision);
                            out->set_value(std::move(kv.value));
                          }
                          return out->key().size() + out->value().size();
                        });
  if (!end) return failure(end.error());
  reply.set_revision(end->rev);
  reply.set_continue_token(end->continue_token);
  return reply.SerializeAsString();
}

std::string query_service::status(std::string_view request) {
  v1::StatusRequest req;
  if (!parse(req, request)) return malformed("StatusRequest");
  auto stats = db_->stats();
  if (!stats) return failure(stats.error());
  v1::StatusReply reply;
  reply.set_revision(stats->current);
  reply.set_compacted_revision(stats->compacted);
  reply.set_db_size_bytes(stats->db_bytes);
  reply.set_keys(stats->object_count);
  reply.set_version(options_.version);
  reply.set_epoch(options_.epoch);
  return reply.SerializeAsString();
}

std::string query_service::compact(std::string_view request) {
  v1::CompactRequest req;
  if (!parse(req, request)) return malformed("CompactRequest");
  // Step by step: each step is one bounded write transaction, so the committer's batches
  // interleave and writers wait for at most one step.
  storage::revision reached = 0;
  while (true) {
    auto step = req.revision() == 0
                    ? db_->compact(options_.compaction_batch_ops)
                    : db_->compact_to(req.revision(), options_.compaction_batch_ops);
    if (!step) {
      if (step.code() == error_code::future_revision)
        return error_reply(v1::Error::INVALID, step.error().message);
      return failure(step.error());
    }
    reached = step->compacted;
    if (step->done) break;
  }
  v1::CompactReply reply;
  reply.set_compacted_revision(reached);
  return reply.SerializeAsString();
}

std::string query_service::history(std::string_view request) {
  v1::HistoryRequest req;
  if (!parse(req, request)) return malformed("HistoryRequest");
  auto key = keys_->key_of(ref_of(req.ref()));
  if (!key) return failure(key.error());
  auto view = db_->read(0);
  if (!view) return failure(view.error());
  auto versions = view->history(*key);
  if (!versions) return failure(versions.error());
  v1::HistoryReply reply;
  for (auto& version : *versions) {
    auto* entry = reply.add_entries();
    entry->set_deleted(version.deleted);
    entry->set_mod_revision(version.kv.mod_revision);
    if (version.deleted) continue;
    entry->set_create_revision(version.kv.create_revision);
    entry->set_version(version.kv.version);
    entry->set_object(with_resource_version(version.kv.value, version.kv.mod_revision));
  }
  reply.set_revision(view->rev());
  reply.set_compacted_revision(view->compacted());
  return reply.SerializeAsString();
}

}  // namespace kactor::state
