#include "node/runtime/io_loop.hpp"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace kactor::node::runtime {

io_loop::io_loop() {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (epoll_fd_ < 0 || wake_fd_ < 0) {
    std::perror("io_loop: epoll/eventfd");
    std::abort();
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = 0;  // id 0 is the wake-up fd
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);
  thread_ = std::thread([this] { run(); });
}

io_loop::~io_loop() {
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(wake_fd_, &one, sizeof one);
  thread_.join();
  watches_.clear();
  ::close(wake_fd_);
  ::close(epoll_fd_);
}

std::uint64_t io_loop::watch(int fd, callback cb) {
  std::lock_guard lock{mutex_};
  std::uint64_t id = next_id_++;
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = id;
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev) != 0) return 0;
  watches_.emplace(id, entry{fd, std::make_shared<callback>(std::move(cb))});
  return id;
}

void io_loop::unwatch(std::uint64_t id) {
  std::shared_ptr<callback> doomed;  // destroyed after the lock is released
  std::lock_guard lock{mutex_};
  auto it = watches_.find(id);
  if (it == watches_.end()) return;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, it->second.fd, nullptr);
  doomed = std::move(it->second.cb);
  watches_.erase(it);
}

void io_loop::run() {
  std::vector<epoll_event> events(64);
  for (;;) {
    int n = ::epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::perror("io_loop: epoll_wait");
      std::abort();
    }
    for (int i = 0; i < n; ++i) {
      std::uint64_t id = events[i].data.u64;
      if (id == 0) return;
      std::shared_ptr<callback> cb;
      {
        std::lock_guard lock{mutex_};
        auto it = watches_.find(id);
        if (it == watches_.end()) continue;  // removed by an earlier callback of this batch
        cb = it->second.cb;
      }
      if (!(*cb)(events[i].events)) unwatch(id);
    }
  }
}

}  // namespace kactor::node::runtime
