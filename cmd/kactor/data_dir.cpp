#include "cmd/kactor/data_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <caf/sec.hpp>

namespace kactor::cmd {
namespace {

caf::error failure(std::string message) {
  return caf::make_error(caf::sec::runtime_error, std::move(message));
}

}  // namespace

caf::expected<data_dir_lock> data_dir_lock::acquire(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir / "logs", ec);
  if (ec) return failure("data dir " + dir.string() + ": cannot create it: " + ec.message());
  auto lock_file = dir / "kactor.lock";
  int fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    return failure("data dir " + dir.string() + ": open " + lock_file.string() + ": " +
                   std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    ::close(fd);
    if (err != EWOULDBLOCK)
      return failure("data dir " + dir.string() + ": lock " + lock_file.string() + ": " +
                     std::strerror(err));
    std::ifstream in{lock_file};
    std::string owner;
    std::getline(in, owner);
    return failure("data dir " + dir.string() + " is in use by another kactor (pid " +
                   (owner.empty() ? std::string{"unknown"} : owner) + ", lock " +
                   lock_file.string() + ")");
  }
  auto pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 ||
      ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    int err = errno;
    ::close(fd);
    return failure("data dir " + dir.string() + ": write " + lock_file.string() + ": " +
                   std::strerror(err));
  }
  return data_dir_lock{dir, fd};
}

data_dir_lock::data_dir_lock(data_dir_lock&& other) noexcept
    : dir_(std::move(other.dir_)), fd_(other.fd_) {
  other.fd_ = -1;
}

data_dir_lock::~data_dir_lock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

caf::error write_file_atomically(const std::filesystem::path& file, std::string_view content) {
  auto temp = file;
  temp += ".tmp";
  {
    std::ofstream out{temp, std::ios::trunc | std::ios::binary};
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) return failure("write " + temp.string() + ": " + std::strerror(errno));
  }
  std::error_code ec;
  std::filesystem::rename(temp, file, ec);
  if (ec) return failure("rename " + temp.string() + " to " + file.string() + ": " + ec.message());
  return {};
}

}  // namespace kactor::cmd
