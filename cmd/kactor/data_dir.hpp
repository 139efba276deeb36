#pragma once

#include <filesystem>
#include <string_view>

#include <caf/error.hpp>
#include <caf/expected.hpp>

namespace kactor::cmd {

// Exclusive ownership of a data directory by one kactor process, through flock() on
// <dir>/kactor.lock (the file holds the owner's pid, for the message a second process
// prints). The kernel drops the lock when the process dies, even by kill -9, so a stale lock
// file never blocks a restart.
class data_dir_lock {
 public:
  // Creates `dir` and `dir`/logs when missing, then locks. Fails when another process holds
  // the lock: "data dir /x is in use by another kactor (pid 123, lock /x/kactor.lock)", or
  // when the directory cannot be created.
  static caf::expected<data_dir_lock> acquire(const std::filesystem::path& dir);

  data_dir_lock(data_dir_lock&& other) noexcept;
  data_dir_lock& operator=(data_dir_lock&&) = delete;
  data_dir_lock(const data_dir_lock&) = delete;
  ~data_dir_lock();  // unlocks; the lock file stays

  const std::filesystem::path& dir() const { return dir_; }

 private:
  data_dir_lock(std::filesystem::path dir, int fd) : dir_(std::move(dir)), fd_(fd) {}

  std::filesystem::path dir_;
  int fd_ = -1;
};

// Replaces `file` with `content` atomically (write a temporary sibling, then rename), so a
// reader sees the old or the new content, never a partial one.
caf::error write_file_atomically(const std::filesystem::path& file, std::string_view content);

}  // namespace kactor::cmd
