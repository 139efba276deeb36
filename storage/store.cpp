#include "storage/store.hpp"

#include <spdlog/spdlog.h>

#include <limits>

#include "storage/continue_token.hpp"
#include "storage/snapshot.hpp"

namespace kactor::storage {

namespace {

status check_options(const store_options& options) {
  if (options.data_dir.empty()) return make_error(error_code::invalid, "data_dir is empty");
  if (options.initial_map_bytes == 0 || options.initial_map_bytes > options.max_map_bytes)
    return make_error(error_code::invalid, "initial_map_bytes must be in 1..max_map_bytes");
  std::error_code ec;
  auto kind = std::filesystem::status(options.data_dir, ec).type();
  if (kind != std::filesystem::file_type::not_found &&
      kind != std::filesystem::file_type::directory)
    return make_error(error_code::invalid,
                      "data dir " + options.data_dir.string() + " exists and is not a directory");
  if (kind == std::filesystem::file_type::not_found && !options.read_only &&
      !std::filesystem::create_directories(options.data_dir, ec) && ec)
    return make_error(error_code::unavailable,
                      "create " + options.data_dir.string() + ": " + ec.message());
  return {};
}

}  // namespace

result<std::unique_ptr<store>> store::open(store_options options) {
  if (auto st = check_options(options); !st) return st.error();
  if (!options.clock) options.clock = [] { return std::chrono::system_clock::now(); };
  auto environment = lmdb::env::open({options.data_dir, options.initial_map_bytes, 4,
                                      options.max_readers, options.read_only, false, false});
  if (!environment) return environment.error();
  if (auto st = check_file_size(*environment, options.data_dir / "data.mdb"); !st)
    return st.error();
  auto tx = lmdb::txn::begin(*environment, !options.read_only);
  if (!tx) return tx.error();
  auto opened = open_tables(*tx, !options.read_only);
  if (!opened) return opened.error();
  auto meta = read_meta(*tx, *opened);
  if (!meta) return meta.error();
  if (auto st = tx->commit(); !st) return st.error();
  spdlog::info("storage: opened {} at revision {} (compacted {}, {} objects)",
               options.data_dir.string(), meta->current, meta->compacted, meta->objects);
  return std::unique_ptr<store>(
      new store(std::move(options), std::move(environment).value(), *opened));
}

store::store(store_options options, lmdb::env environment, tables t)
    : options_(std::move(options)), env_(std::move(environment)), tables_(t) {}

store::~store() = default;

std::int64_t store::now_ns() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(options_.clock().time_since_epoch())
      .count();
}

status store::resize_map(std::uint64_t bytes) {
  // LMDB requires that no transaction of this process is open. Close the gate so that new
  // read views wait (the shared mutex alone would let a stream of readers starve us), then
  // wait for the open ones to end.
  {
    std::lock_guard gate(gate_mutex_);
    resize_pending_ = true;
  }
  status st;
  {
    std::unique_lock lock(resize_mutex_, std::defer_lock);
    if (lock.try_lock_for(options_.resize_wait))
      st = env_.set_map_size(bytes);
    else
      st = make_error(error_code::unavailable,
                      "resizing the map waited too long for open read views to end");
  }
  {
    std::lock_guard gate(gate_mutex_);
    resize_pending_ = false;
  }
  gate_open_.notify_all();
  return st;
}

std::shared_lock<std::shared_timed_mutex> store::lock_for_reading() {
  {
    std::unique_lock gate(gate_mutex_);
    gate_open_.wait_for(gate, options_.resize_wait, [&] { return !resize_pending_; });
  }
  return std::shared_lock(resize_mutex_);
}

result<lmdb::txn> store::begin_write() {
  auto tx = lmdb::txn::begin(env_, true);
  if (tx || !env_.resized_elsewhere()) return tx;
  // Another process grew the file: adopt its size.
  if (auto st = resize_map(0); !st) return st.error();
  return lmdb::txn::begin(env_, true);
}

result<read_view> store::read(revision at) {
  auto lock = lock_for_reading();
  auto tx = lmdb::txn::begin(env_, false);
  if (!tx && env_.resized_elsewhere()) {
    lock.unlock();
    if (auto st = resize_map(0); !st) return st.error();
    lock = lock_for_reading();
    tx = lmdb::txn::begin(env_, false);
  }
  if (!tx) return tx.error();
  auto meta = read_meta(*tx, tables_);
  if (!meta) return meta.error();
  if (at == 0) at = meta->current;
  if (at > meta->current)
    return make_error(error_code::future_revision, "revision " + std::to_string(at) +
                                                       " is beyond the current revision " +
                                                       std::to_string(meta->current));
  if (at < meta->compacted)
    return make_error(error_code::compacted, "revision " + std::to_string(at) +
                                                 " is compacted; the oldest readable is " +
                                                 std::to_string(meta->compacted));
  return read_view(std::move(lock), std::move(tx).value(), tables_, *meta, at);
}

result<key_value> store::get(std::string_view key, revision at) {
  auto view = read(at);
  if (!view) return view.error();
  return view->get(key);
}

result<range_result> store::range(const range_request& req) {
  revision at = req.at;
  std::string start;
  if (!req.continue_token.empty()) {
    auto position = decode_continue(req.continue_token);
    if (!position) return position.error();
    if (!position->start_key.starts_with(req.prefix))
      return make_error(error_code::invalid, "continue token belongs to another prefix");
    if (at != 0 && at != position->rev)
      return make_error(error_code::invalid, "revision contradicts the continue token");
    at = position->rev;
    start = std::move(position->start_key);
  }
  auto view = read(at);
  if (!view) return view.error();
  auto page = view->scan(req.prefix, start, req.limit);
  if (!page) return page.error();
  range_result out;
  out.rev = view->rev();
  out.kvs = std::move(page->kvs);
  out.more = !page->next_key.empty();
  if (out.more) out.continue_token = encode_continue({out.rev, std::move(page->next_key)});
  return out;
}

result<change_batch> store::changes_after(revision after, std::size_t max_events) {
  auto view = read(0);
  if (!view) return view.error();
  return view->changes_after(after, max_events);
}

result<std::vector<key_version>> store::history(std::string_view key) {
  auto view = read(0);
  if (!view) return view.error();
  return view->history(key);
}

result<store_status> store::stats() {
  auto view = read(0);
  if (!view) return view.error();
  auto info = env_.info();
  if (!info) return info.error();
  std::error_code ec;
  auto bytes = std::filesystem::file_size(options_.data_dir / "data.mdb", ec);
  if (ec) return make_error(error_code::unavailable, "stat data.mdb: " + ec.message());
  return store_status{view->current(), view->compacted(), view->object_count(), bytes,
                      info->map_bytes};
}

status store::grow_map() {
  auto info = env_.info();
  if (!info) return info.error();
  if (info->map_bytes >= options_.max_map_bytes)
    return make_error(error_code::storage_full, "the store reached its maximum size of " +
                                                    std::to_string(options_.max_map_bytes) +
                                                    " bytes: compact or raise max_map_bytes");
  auto next = std::min(options_.max_map_bytes, info->map_bytes * 2);
  if (auto st = resize_map(next); !st) return st;
  spdlog::info("storage: map grown from {} to {} bytes", info->map_bytes, next);
  return {};
}

status store::update(const std::function<status(write_txn& tx)>& fn) {
  std::lock_guard writer(write_mutex_);
  while (true) {
    auto tx = begin_write();
    if (!tx) return tx.error();
    auto st = [&]() -> status {
      auto wtx = write_txn::begin(*tx, tables_, options_.limits, now_ns());
      if (!wtx) return wtx.error();
      if (auto done = fn(*wtx); !done) return done;
      if (auto done = wtx->finish(); !done) return done;
      return tx->commit();
    }();
    if (st) return st;
    tx->abort();
    if (st.code() != error_code::storage_full) return st;
    if (auto grown = grow_map(); !grown) return grown;
  }
}

result<write_result> store::apply(const write_request& req) {
  auto results = apply_batch(std::span(&req, 1));
  return std::move(results.front());
}

std::vector<result<write_result>> store::apply_batch(std::span<const write_request> requests) {
  std::vector<result<write_result>> out;
  auto st = update([&](write_txn& tx) -> status {
    out.clear();
    out.reserve(requests.size());
    for (const auto& req : requests) {
      auto done = tx.apply(req);
      if (!done && tx.broken()) return done.error();
      out.push_back(std::move(done));
    }
    return {};
  });
  if (!st) out.assign(requests.size(), st.error());
  return out;
}

result<compaction_progress> store::compact(std::size_t max_ops) {
  auto window = std::chrono::duration_cast<std::chrono::nanoseconds>(options_.history_window);
  auto cutoff = now_ns() - window.count();
  std::optional<compaction_progress> progress;
  auto st = update([&](write_txn& tx) -> status {
    auto step = compact_step(tx, tx.meta().current, cutoff, max_ops);
    if (!step) return step.error();
    progress = *step;
    return {};
  });
  if (!st) return st.error();
  return *progress;
}

result<compaction_progress> store::compact_to(revision rev, std::size_t max_ops) {
  std::optional<compaction_progress> progress;
  auto st = update([&](write_txn& tx) -> status {
    if (rev > tx.meta().current)
      return make_error(error_code::future_revision, "cannot compact to " + std::to_string(rev) +
                                                         ": current revision is " +
                                                         std::to_string(tx.meta().current));
    auto step = compact_step(tx, rev, std::numeric_limits<std::int64_t>::max(), max_ops);
    if (!step) return step.error();
    progress = *step;
    return {};
  });
  if (!st) return st.error();
  return *progress;
}

status store::save_snapshot(const std::filesystem::path& file) {
  auto lock = lock_for_reading();
  return write_snapshot(env_, file);
}

}  // namespace kactor::storage
