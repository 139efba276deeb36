#include "node/runtime/log_sink.hpp"

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
                                                 const std::string& log_path) {
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
  return std::shared_ptr<log_sink>(new log_sink(dir, log_fd, out, err));
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
  const char* p = records.data();
  std::size_t left = records.size();
  while (left > 0) {
    ssize_t n = ::write(log_fd_, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // disk full or similar: the log loses these lines, the container runs
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

}  // namespace kactor::node::runtime
