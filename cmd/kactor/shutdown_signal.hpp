#pragma once

#include <memory>
#include <mutex>
#include <string>

#include <caf/expected.hpp>

namespace kactor::cmd {

// Blocks SIGTERM and SIGINT in the calling thread and ignores SIGPIPE. Call it first in main,
// before any thread starts: threads inherit the mask, so the signals stay pending until
// shutdown_signal::wait() takes them, and no library thread is interrupted by them.
// (child_process resets mask and dispositions for the programs it starts.)
void block_shutdown_signals();

// What ends a daemon's main loop: SIGTERM, SIGINT, or a stop request from inside the process
// (a fatal error in some actor). Backed by a signalfd and an eventfd.
class shutdown_signal {
 public:
  // Fails when the kernel refuses a signalfd or eventfd.
  static caf::expected<std::shared_ptr<shutdown_signal>> create();
  ~shutdown_signal();

  // Blocks until a signal arrives or request() was called; returns why ("SIGTERM", "SIGINT",
  // or the reason given to request()). Call from one thread (main).
  std::string wait();

  // Wakes wait() with `reason`. Thread-safe; the first reason wins.
  void request(std::string reason);

  shutdown_signal(int signal_fd, int event_fd) : signal_fd_(signal_fd), event_fd_(event_fd) {}

 private:
  int signal_fd_;
  int event_fd_;
  std::mutex mutex_;  // guards reason_
  std::string reason_;
};

}  // namespace kactor::cmd
