#include "node/runtime/log_sink.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <vector>

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "node/runtime/io_loop.hpp"

namespace kactor::node::runtime {

std::int64_t unix_nanos_now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

int open_fifo(const std::string& path) {
  if (::mkfifo(path.c_str(), 0600) != 0 && errno != EEXIST) return -1;
  return ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
}

}  // namespace

result<std::shared_ptr<log_sink>> log_sink::open(const std::string& dir,
                                                 const std::string& log_path,
                                                 log_rotation rotation) {
  auto fail = [&](const std::string& what) {
    return runtime_error{error_code::internal, "LogError", what + ": " + std::strerror(errno)};
  };
  int log_fd = -1;
  if (!log_path.empty()) {
    log_fd = ::open(log_path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (log_fd < 0) return fail("opening log " + log_path);
  }
  int out = open_fifo(dir + "/stdout");
  int err = out < 0 ? -1 : open_fifo(dir + "/stderr");
  if (out < 0 || err < 0) {
    auto e = fail("opening FIFO in " + dir);
    if (log_fd >= 0) ::close(log_fd);
    if (out >= 0) ::close(out);
    return e;
  }
  auto sink = std::shared_ptr<log_sink>(new log_sink(dir, log_fd, out, err));
  sink->log_path_ = log_path;
  sink->rotation_ = rotation;
  struct stat st {};
  if (log_fd >= 0 && ::fstat(log_fd, &st) == 0)
    sink->log_size_ = static_cast<std::uint64_t>(st.st_size);
  return sink;
}

log_sink::log_sink(std::string dir, int log_fd, int out_fd, int err_fd)
    : dir_(std::move(dir)),
      log_fd_(log_fd),
      out_{out_fd, cri_line_writer{log_stream::out}},
      err_{err_fd, cri_line_writer{log_stream::err}} {}

log_sink::~log_sink() {
  for (int fd : {log_fd_, out_.fd, err_.fd}) {
    if (fd >= 0) ::close(fd);
  }
}

void log_sink::attach(io_loop& loop) {
  for (stream* s : {&out_, &err_}) {
    // The callbacks own the sink: it lives while a FIFO is watched.
    s->watch = loop.watch(
        s->fd, [self = shared_from_this(), s](std::uint32_t) { return self->pump(*s, 64 * 1024); });
  }
}

void log_sink::drain_and_close(io_loop& loop) {
  for (stream* s : {&out_, &err_}) {
    if (s->fd < 0) continue;
    pump(*s, SIZE_MAX);
    write_log(s->writer.finish(unix_nanos_now()));
    loop.unwatch(s->watch);
    ::close(s->fd);
    s->fd = -1;
  }
}

bool log_sink::pump(stream& s, std::size_t budget) {
  if (s.fd < 0) return false;
  char buf[16 * 1024];
  while (budget > 0) {
    ssize_t n = ::read(s.fd, buf, sizeof buf);
    if (n > 0) {
      write_log(
          s.writer.feed(std::string_view{buf, static_cast<std::size_t>(n)}, unix_nanos_now()));
      budget -= std::min<std::size_t>(budget, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return true;
    // End of file (every writer gone) or an error: the stream is done.
    write_log(s.writer.finish(unix_nanos_now()));
    return false;
  }
  return true;
}

void log_sink::write_log(const std::string& records) {
  if (log_fd_ < 0 || records.empty()) return;
  // Rotate before writing, so the newest lines are always in the current file.
  if (rotation_.max_bytes > 0 && log_size_ >= rotation_.max_bytes) rotate();
  if (log_fd_ < 0) return;
  const char* p = records.data();
  std::size_t left = records.size();
  while (left > 0) {
    ssize_t n = ::write(log_fd_, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // disk full or similar: the log loses these lines, the container runs
    p += n;
    left -= static_cast<std::size_t>(n);
    log_size_ += static_cast<std::uint64_t>(n);
  }
}

void log_sink::rotate() {
  namespace fs = std::filesystem;
  char stamp[32];
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  std::string target = log_path_ + "." + stamp;
  for (int i = 1; fs::exists(target); ++i)
    target = log_path_ + "." + stamp + "." + std::to_string(i);
  std::error_code ec;
  fs::rename(log_path_, target, ec);
  if (ec) return;  // keep writing to the full file rather than lose lines
  ::close(log_fd_);
  log_fd_ = ::open(log_path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  log_size_ = 0;
  // The rotated files of this log, oldest first (their names sort by time).
  std::vector<std::string> rotated;
  auto base = fs::path(log_path_).filename().string() + ".";
  for (const auto& e : fs::directory_iterator(fs::path(log_path_).parent_path(), ec))
    if (e.path().filename().string().rfind(base, 0) == 0) rotated.push_back(e.path().string());
  std::sort(rotated.begin(), rotated.end());
  while (rotation_.max_files > 0 && rotated.size() + 1 > rotation_.max_files) {
    fs::remove(rotated.front(), ec);
    rotated.erase(rotated.begin());
  }
}

}  // namespace kactor::node::runtime
