#include "cmd/kactor/watchdog.hpp"

namespace kactor::cmd {

watchdog::watchdog(std::chrono::milliseconds limit, std::function<void()> expire) {
  thread_ = std::thread{[this, limit, expire = std::move(expire)] {
    std::unique_lock<std::mutex> lock{mutex_};
    if (!cv_.wait_for(lock, limit, [this] { return disarmed_; })) expire();
  }};
}

watchdog::~watchdog() {
  {
    std::lock_guard<std::mutex> guard{mutex_};
    disarmed_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

}  // namespace kactor::cmd
