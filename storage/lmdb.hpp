#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "storage/error.hpp"

// The thin RAII layer over LMDB's C API. Every mdb_* return code is checked here, once, and
// turned into a storage::error; nothing outside this file sees MDB_env*, MDB_txn* or raw codes.
// Error mapping: MDB_MAP_FULL -> storage_full; MDB_TXN_FULL -> too_large; MDB_INVALID,
// MDB_VERSION_MISMATCH, MDB_CORRUPTED, MDB_PAGE_NOTFOUND, MDB_INCOMPATIBLE -> corrupt; everything
// else (errno values, reader table full, map resized by another process) -> unavailable.
//
// Threading: an env is shared by all threads. A txn and its cursors belong to one thread at a
// time (the env uses MDB_NOTLS, so a read txn may move between threads and one thread may hold
// several). At most one write txn exists at a time (LMDB blocks the second begin).
struct MDB_env;
struct MDB_txn;
struct MDB_cursor;

namespace kactor::storage::lmdb {

struct env_options {
  std::filesystem::path path;   // the directory holding data.mdb/lock.mdb, or the file itself
  std::uint64_t map_bytes = 0;  // initial map size; 0 keeps the file's own (or LMDB's default)
  unsigned max_tables = 8;      // named databases
  unsigned max_readers = 126;   // concurrent read transactions, all processes together
  bool read_only = false;
  bool single_file = false;  // `path` is the data file itself (MDB_NOSUBDIR)
  bool no_lock = false;      // no lock file: only for a private read-only look at a copy
};

struct env_info {
  std::uint64_t map_bytes = 0;   // current map size
  std::uint64_t used_bytes = 0;  // (last used page + 1) * page size: the file must be this big
  std::uint32_t page_size = 0;
};

// A named database inside an env (a plain handle, valid as long as the env).
struct table {
  unsigned id = 0;
};

class env {
 public:
  // Opens (creating if needed, unless read_only) the environment. A file that is not LMDB
  // or was written by an incompatible LMDB gives corrupt; a missing directory or a permission
  // problem gives unavailable. Stale reader slots of dead processes are cleared.
  static result<env> open(const env_options& options);

  env(env&& other) noexcept;
  env& operator=(env&& other) noexcept;
  env(const env&) = delete;
  env& operator=(const env&) = delete;
  ~env();

  result<env_info> info() const;

  // Sets the map size. Precondition (LMDB's, the caller ensures it): no transaction of this
  // process is active. 0 adopts the size another process already grew the file to.
  status set_map_size(std::uint64_t bytes);

  // True once a begin() failed because another process grew the map: call set_map_size(0)
  // (under the same precondition) and retry.
  bool resized_elsewhere() const { return resized_elsewhere_->load(); }

  // Writes a compacted, consistent copy of the whole env to `fd` (own read txn inside).
  status copy_compacted(int fd) const;

  // Flushes data buffers to disk (only needed after writes done with relaxed sync flags).
  status sync();

 private:
  friend class txn;
  explicit env(MDB_env* handle);

  MDB_env* handle_ = nullptr;
  std::unique_ptr<std::atomic<bool>> resized_elsewhere_;
};

// A key/value pair read from LMDB. Both views point into the memory map: valid until the
// transaction ends or writes to the same table.
using entry = std::pair<std::string_view, std::string_view>;

class txn {
 public:
  // Starts a read-only (write == false) or a write transaction. A write begin waits for
  // any other writer (in this or another process) to finish.
  static result<txn> begin(env& environment, bool write);

  txn(txn&& other) noexcept;
  txn& operator=(txn&& other) noexcept;
  txn(const txn&) = delete;
  txn& operator=(const txn&) = delete;
  ~txn();  // aborts if still open

  // Opens a named table (nullptr: the main table, which lists the named ones); with create
  // (write txns only) it is created when missing. A missing table without create gives
  // not_found; a name that is a plain key of the main table gives corrupt.
  result<table> open_table(const char* name, bool create);

  // The value of `key`, or nullopt.
  result<std::optional<std::string_view>> get(table t, std::string_view key) const;
  status put(table t, std::string_view key, std::string_view value);
  // Deletes `key`; false if it was not there.
  result<bool> remove(table t, std::string_view key);
  // Number of entries in the table.
  result<std::uint64_t> size(table t) const;

  // Makes the writes durable (fsync) before returning ok; ends the transaction either way.
  status commit();
  // Discards the transaction. Idempotent.
  void abort();

 private:
  friend class cursor;
  txn(MDB_txn* handle, bool write) : handle_(handle), write_(write) {}

  MDB_txn* handle_ = nullptr;
  bool write_ = false;
};

// A position in one table of a txn. Each move returns the entry it lands on, or nullopt when
// it runs off either end (which leaves the position unspecified: seek again before moving).
class cursor {
 public:
  static result<cursor> open(txn& transaction, table t);

  cursor(cursor&& other) noexcept;
  cursor& operator=(cursor&& other) noexcept;
  cursor(const cursor&) = delete;
  cursor& operator=(const cursor&) = delete;
  ~cursor();

  result<std::optional<entry>> first();
  result<std::optional<entry>> last();
  result<std::optional<entry>> next();
  result<std::optional<entry>> prev();
  // The first entry whose key is >= `key`.
  result<std::optional<entry>> seek(std::string_view key);
  // The last entry whose key is < `key`.
  result<std::optional<entry>> seek_before(std::string_view key);
  // Deletes the entry under the cursor (write txns); the cursor then sits on its successor.
  status remove_current();

 private:
  explicit cursor(MDB_cursor* handle) : handle_(handle) {}
  result<std::optional<entry>> move(int op, std::string_view key = {});

  MDB_cursor* handle_ = nullptr;
};

}  // namespace kactor::storage::lmdb
