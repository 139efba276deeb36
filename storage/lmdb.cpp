#include "storage/lmdb.hpp"

#include <lmdb.h>

#include <string>

namespace kactor::storage::lmdb {

namespace {

error from_code(int rc, std::string_view what) {
  std::string message = "lmdb: " + std::string(what) + ": " + mdb_strerror(rc);
  switch (rc) {
    case MDB_MAP_FULL:
      return make_error(error_code::storage_full, std::move(message));
    case MDB_TXN_FULL:
      return make_error(error_code::too_large, std::move(message));
    case MDB_INVALID:
    case MDB_VERSION_MISMATCH:
    case MDB_CORRUPTED:
    case MDB_PAGE_NOTFOUND:
    case MDB_INCOMPATIBLE:
      return make_error(error_code::corrupt, std::move(message));
    case MDB_NOTFOUND:
      return make_error(error_code::not_found, std::move(message));
    default:
      return make_error(error_code::unavailable, std::move(message));
  }
}

MDB_val to_val(std::string_view bytes) {
  return MDB_val{bytes.size(), const_cast<char*>(bytes.data())};
}

std::string_view to_view(const MDB_val& val) {
  return {static_cast<const char*>(val.mv_data), val.mv_size};
}

}  // namespace

// --- env ---

env::env(MDB_env* handle)
    : handle_(handle), resized_elsewhere_(std::make_unique<std::atomic<bool>>(false)) {}

env::env(env&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)),
      resized_elsewhere_(std::move(other.resized_elsewhere_)) {}

env& env::operator=(env&& other) noexcept {
  if (this != &other) {
    if (handle_) mdb_env_close(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
    resized_elsewhere_ = std::move(other.resized_elsewhere_);
  }
  return *this;
}

env::~env() {
  if (handle_) mdb_env_close(handle_);
}

result<env> env::open(const env_options& options) {
  MDB_env* handle = nullptr;
  if (int rc = mdb_env_create(&handle); rc != 0) return from_code(rc, "create environment");
  env result_env(handle);
  auto where = options.path.string();
  if (options.map_bytes != 0)
    if (int rc = mdb_env_set_mapsize(handle, options.map_bytes); rc != 0)
      return from_code(rc, "set map size");
  if (int rc = mdb_env_set_maxdbs(handle, options.max_tables); rc != 0)
    return from_code(rc, "set max tables");
  if (int rc = mdb_env_set_maxreaders(handle, options.max_readers); rc != 0)
    return from_code(rc, "set max readers");
  unsigned flags = MDB_NOTLS;
  if (options.read_only) flags |= MDB_RDONLY;
  if (options.single_file) flags |= MDB_NOSUBDIR;
  if (options.no_lock) flags |= MDB_NOLOCK;
  if (int rc = mdb_env_open(handle, where.c_str(), flags, 0644); rc != 0)
    return from_code(rc, "open " + where);
  if (!options.no_lock) {
    int dead = 0;
    if (int rc = mdb_reader_check(handle, &dead); rc != 0)
      return from_code(rc, "check readers of " + where);
  }
  return result_env;
}

result<env_info> env::info() const {
  MDB_envinfo raw{};
  if (int rc = mdb_env_info(handle_, &raw); rc != 0) return from_code(rc, "env info");
  MDB_stat stat{};
  if (int rc = mdb_env_stat(handle_, &stat); rc != 0) return from_code(rc, "env stat");
  env_info out;
  out.map_bytes = raw.me_mapsize;
  out.page_size = stat.ms_psize;
  out.used_bytes = (static_cast<std::uint64_t>(raw.me_last_pgno) + 1) * stat.ms_psize;
  return out;
}

status env::set_map_size(std::uint64_t bytes) {
  if (int rc = mdb_env_set_mapsize(handle_, bytes); rc != 0) return from_code(rc, "set map size");
  resized_elsewhere_->store(false);
  return {};
}

status env::copy_compacted(int fd) const {
  if (int rc = mdb_env_copyfd2(handle_, fd, MDB_CP_COMPACT); rc != 0)
    return from_code(rc, "copy environment");
  return {};
}

status env::sync() {
  if (int rc = mdb_env_sync(handle_, 1); rc != 0) return from_code(rc, "sync");
  return {};
}

// --- txn ---

result<txn> txn::begin(env& environment, bool write) {
  MDB_txn* handle = nullptr;
  int rc = mdb_txn_begin(environment.handle_, nullptr, write ? 0 : MDB_RDONLY, &handle);
  if (rc == MDB_MAP_RESIZED) environment.resized_elsewhere_->store(true);
  if (rc != 0) return from_code(rc, write ? "begin write transaction" : "begin read transaction");
  return txn(handle, write);
}

txn::txn(txn&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)), write_(other.write_) {}

txn& txn::operator=(txn&& other) noexcept {
  if (this != &other) {
    abort();
    handle_ = std::exchange(other.handle_, nullptr);
    write_ = other.write_;
  }
  return *this;
}

txn::~txn() {
  abort();
}

result<table> txn::open_table(const char* name, bool create) {
  MDB_dbi id = 0;
  int rc = mdb_dbi_open(handle_, name, create ? MDB_CREATE : 0, &id);
  if (rc != 0) return from_code(rc, std::string("open table ") + (name ? name : "(main)"));
  return table{id};
}

result<std::optional<std::string_view>> txn::get(table t, std::string_view key) const {
  MDB_val k = to_val(key);
  MDB_val v{};
  int rc = mdb_get(handle_, t.id, &k, &v);
  if (rc == MDB_NOTFOUND) return std::optional<std::string_view>{};
  if (rc != 0) return from_code(rc, "get");
  return std::optional<std::string_view>{to_view(v)};
}

status txn::put(table t, std::string_view key, std::string_view value) {
  MDB_val k = to_val(key);
  MDB_val v = to_val(value);
  if (int rc = mdb_put(handle_, t.id, &k, &v, 0); rc != 0) return from_code(rc, "put");
  return {};
}

result<bool> txn::remove(table t, std::string_view key) {
  MDB_val k = to_val(key);
  int rc = mdb_del(handle_, t.id, &k, nullptr);
  if (rc == MDB_NOTFOUND) return false;
  if (rc != 0) return from_code(rc, "delete");
  return true;
}

result<std::uint64_t> txn::size(table t) const {
  MDB_stat stat{};
  if (int rc = mdb_stat(handle_, t.id, &stat); rc != 0) return from_code(rc, "table stat");
  return static_cast<std::uint64_t>(stat.ms_entries);
}

status txn::commit() {
  MDB_txn* handle = std::exchange(handle_, nullptr);
  if (handle == nullptr) return make_error(error_code::unavailable, "lmdb: commit of ended txn");
  if (int rc = mdb_txn_commit(handle); rc != 0) return from_code(rc, "commit");
  return {};
}

void txn::abort() {
  if (handle_) mdb_txn_abort(std::exchange(handle_, nullptr));
}

// --- cursor ---

result<cursor> cursor::open(txn& transaction, table t) {
  MDB_cursor* handle = nullptr;
  if (int rc = mdb_cursor_open(transaction.handle_, t.id, &handle); rc != 0)
    return from_code(rc, "open cursor");
  return cursor(handle);
}

cursor::cursor(cursor&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}

cursor& cursor::operator=(cursor&& other) noexcept {
  if (this != &other) {
    if (handle_) mdb_cursor_close(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

cursor::~cursor() {
  if (handle_) mdb_cursor_close(handle_);
}

result<std::optional<entry>> cursor::move(int op, std::string_view key) {
  MDB_val k = to_val(key);
  MDB_val v{};
  int rc = mdb_cursor_get(handle_, &k, &v, static_cast<MDB_cursor_op>(op));
  if (rc == MDB_NOTFOUND) return std::optional<entry>{};
  if (rc != 0) return from_code(rc, "cursor move");
  return std::optional<entry>{entry{to_view(k), to_view(v)}};
}

result<std::optional<entry>> cursor::first() {
  return move(MDB_FIRST);
}
result<std::optional<entry>> cursor::last() {
  return move(MDB_LAST);
}
result<std::optional<entry>> cursor::next() {
  return move(MDB_NEXT);
}
result<std::optional<entry>> cursor::prev() {
  return move(MDB_PREV);
}
result<std::optional<entry>> cursor::seek(std::string_view key) {
  // LMDB rejects empty keys; every key is >= the empty one.
  return key.empty() ? first() : move(MDB_SET_RANGE, key);
}

result<std::optional<entry>> cursor::seek_before(std::string_view key) {
  if (key.empty()) return std::optional<entry>{};
  auto at = seek(key);
  if (!at) return at;
  return *at ? prev() : last();
}

status cursor::remove_current() {
  if (int rc = mdb_cursor_del(handle_, 0); rc != 0) return from_code(rc, "cursor delete");
  return {};
}

}  // namespace kactor::storage::lmdb
