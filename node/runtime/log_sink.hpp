#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "node/runtime/cri_log.hpp"
#include "node/runtime/error.hpp"

namespace kactor::node::runtime {

class io_loop;

/// When a container log file is rotated, as the kubelet's containerLogMaxSize and
/// containerLogMaxFiles (defaults 10 MiB and 5): past max_bytes the file is renamed
/// `<log>.<YYYYMMDD-hhmmss>` and a new one started; beyond max_files files (the current one
/// included) the oldest rotated ones are deleted.
struct log_rotation {
  std::uint64_t max_bytes = 10 * 1024 * 1024;
  unsigned max_files = 5;
};

/// Copies a container's stdout and stderr FIFOs into its CRI-format log file. The container
/// opens both FIFOs read-write, so it never gets SIGPIPE and its output survives a runtime
/// restart (a new sink re-opens the FIFOs). Owned by the runtime through a shared_ptr that the
/// io_loop callbacks also hold; after attach() it is only touched on the loop thread.
class log_sink : public std::enable_shared_from_this<log_sink> {
 public:
  /// Creates the FIFOs `<dir>/stdout` and `<dir>/stderr` if missing and opens their read
  /// ends (non-blocking) and `log_path` for appending (no log file when empty).
  static result<std::shared_ptr<log_sink>> open(const std::string& dir, const std::string& log_path,
                                                log_rotation rotation = {});

  ~log_sink();

  std::string stdout_fifo() const { return dir_ + "/stdout"; }
  std::string stderr_fifo() const { return dir_ + "/stderr"; }

  /// Registers both FIFOs with `loop`.
  void attach(io_loop& loop);

  /// Loop thread: copies whatever is buffered in the FIFOs, writes the last partial lines,
  /// and removes the watches. Called when the main process exited (its group is killed
  /// first), because a re-opened FIFO never reports end-of-file.
  void drain_and_close(io_loop& loop);

 private:
  struct stream {
    int fd = -1;
    cri_line_writer writer;
    std::uint64_t watch = 0;
  };

  log_sink(std::string dir, int log_fd, int out_fd, int err_fd);
  // Renames the full log aside, drops the oldest rotated files and opens a new log.
  void rotate();

  // Copies up to `budget` bytes from the stream; false on end-of-file or error.
  bool pump(stream& s, std::size_t budget);
  void write_log(const std::string& records);

  std::string dir_;
  std::string log_path_;
  log_rotation rotation_;
  std::uint64_t log_size_ = 0;
  int log_fd_ = -1;
  stream out_;
  stream err_;
};

/// Nanoseconds since the Unix epoch, from the system clock.
std::int64_t unix_nanos_now();

}  // namespace kactor::node::runtime
