#include "storage/snapshot.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "storage/schema.hpp"

namespace kactor::storage {

namespace {

error io_error(const std::string& what, int err) {
  return make_error(error_code::unavailable, what + ": " + std::strerror(err));
}

// An open file descriptor, closed on scope exit.
class file_handle {
 public:
  explicit file_handle(int fd) : fd_(fd) {}
  file_handle(const file_handle&) = delete;
  file_handle& operator=(const file_handle&) = delete;
  ~file_handle() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

status fsync_path(const std::filesystem::path& path, int flags) {
  file_handle fd(::open(path.c_str(), flags | O_CLOEXEC));
  if (fd.get() < 0) return io_error("open " + path.string(), errno);
  if (::fsync(fd.get()) != 0) return io_error("fsync " + path.string(), errno);
  return {};
}

// Renames `from` over `to` and makes the rename durable.
status durable_rename(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0)
    return io_error("rename " + from.string() + " to " + to.string(), errno);
  auto dir = to.parent_path().empty() ? std::filesystem::path(".") : to.parent_path();
  return fsync_path(dir, O_RDONLY | O_DIRECTORY);
}

}  // namespace

status write_snapshot(const lmdb::env& environment, const std::filesystem::path& file) {
  auto temp = file;
  temp += ".part";
  {
    file_handle fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (fd.get() < 0) return io_error("create " + temp.string(), errno);
    auto copied = environment.copy_compacted(fd.get());
    if (copied && ::fsync(fd.get()) != 0) copied = io_error("fsync " + temp.string(), errno);
    if (!copied) {
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      return copied;
    }
  }
  return durable_rename(temp, file);
}

result<snapshot_info> inspect_snapshot(const std::filesystem::path& file) {
  std::error_code ec;
  auto bytes = std::filesystem::file_size(file, ec);
  if (ec) return make_error(error_code::unavailable, "stat " + file.string() + ": " + ec.message());
  auto environment = lmdb::env::open({file, 0, 4, 126, true, true, true});
  if (!environment) return environment.error();
  if (auto st = check_file_size(*environment, file); !st) return st.error();
  auto tx = lmdb::txn::begin(*environment, false);
  if (!tx) return tx.error();
  auto t = open_tables(*tx, false);
  if (!t) return t.error();
  auto meta = read_meta(*tx, *t);
  if (!meta) return meta.error();
  return snapshot_info{meta->current, meta->compacted, meta->objects, bytes};
}

status restore_snapshot(const std::filesystem::path& file, const std::filesystem::path& data_dir) {
  auto target = data_dir / "data.mdb";
  std::error_code ec;
  if (std::filesystem::exists(target, ec))
    return make_error(error_code::already_exists,
                      target.string() + " exists: restore needs an empty data directory");
  if (auto info = inspect_snapshot(file); !info) return info.error();
  std::filesystem::create_directories(data_dir, ec);
  if (ec)
    return make_error(error_code::unavailable, "create " + data_dir.string() + ": " + ec.message());
  auto temp = data_dir / "data.mdb.restore";
  std::filesystem::copy_file(file, temp, std::filesystem::copy_options::overwrite_existing, ec);
  if (ec)
    return make_error(error_code::unavailable,
                      "copy " + file.string() + " to " + temp.string() + ": " + ec.message());
  if (auto st = fsync_path(temp, O_RDONLY); !st) return st;
  return durable_rename(temp, target);
}

}  // namespace kactor::storage
