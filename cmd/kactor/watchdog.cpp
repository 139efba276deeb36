#include "cmd/kactor/watchdog.hpp"

#include <unistd.h>

#include <spdlog/spdlog.h>

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

void shut_down_when_signalled(shutdown_signal& stop, std::optional<watchdog>& limit,
                              const std::shared_ptr<spdlog::logger>& log,
                              std::chrono::milliseconds grace,
                              const std::function<void()>& shut_down) {
  auto why = stop.wait();
  log->info("shutting down ({})", why);
  limit.emplace(grace, [log, grace] {
    log->critical("shutdown took longer than {} ms; exiting now", grace.count());
    ::_exit(1);
  });
  shut_down();
  log->info("stopped");
}

}  // namespace kactor::cmd
