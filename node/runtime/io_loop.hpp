#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace kactor::node::runtime {

/// One thread multiplexing many fds with epoll: the runtime's log pump and reaper for every
/// container (pidfds become readable on exit), so thousands of containers need no thread each.
class io_loop {
 public:
  /// Called on the loop thread with the epoll events of its fd. Returning false removes the
  /// watch (the callback is destroyed; whatever it owns, e.g. the fd, is released then).
  using callback = std::function<bool(std::uint32_t events)>;

  /// Starts the thread. Aborts when epoll or eventfd cannot be created (the runtime cannot work).
  io_loop();

  /// Stops the thread and destroys every remaining callback; fds are not otherwise touched.
  ~io_loop();

  io_loop(const io_loop&) = delete;
  io_loop& operator=(const io_loop&) = delete;

  /// Watches `fd` for input (EPOLLIN, level-triggered; EPOLLHUP/EPOLLERR always reported).
  /// Returns a watch id, or 0 when epoll_ctl fails. Any thread.
  std::uint64_t watch(int fd, callback cb);

  /// Removes a watch; a no-op for unknown ids. Any thread, including the loop thread inside
  /// a callback; when called elsewhere the callback may still be running once more.
  void unwatch(std::uint64_t id);

 private:
  void run();

  struct entry {
    int fd;
    std::shared_ptr<callback> cb;
  };

  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::mutex mutex_;
  std::map<std::uint64_t, entry> watches_;
  std::uint64_t next_id_ = 1;
  std::thread thread_;
};

}  // namespace kactor::node::runtime
