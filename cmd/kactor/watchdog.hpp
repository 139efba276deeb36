#pragma once

#include <memory>
#include <optional>

#include "cmd/kactor/shutdown_signal.hpp"

namespace spdlog {
class logger;
}

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace kactor::cmd {

// Bounds the duration of a shutdown: unless disarmed (destroyed) within `limit`, it calls
// `expire` on its own thread; `kactor up` passes a function that logs and _exit(1)s, so a
// stuck shutdown still ends and the kernel kills the children (PDEATHSIG).
class watchdog {
 public:
  watchdog(std::chrono::milliseconds limit, std::function<void()> expire);
  ~watchdog();  // disarms and joins
  watchdog(const watchdog&) = delete;
  watchdog& operator=(const watchdog&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool disarmed_ = false;
  std::thread thread_;
};

// The end of every long-running command: blocks until `stop` is requested, logs why, arms
// `limit` (declared by the caller before its runtime, so it also bounds the runtime's
// destruction) to log and _exit(1) after `grace`, then runs `shut_down` and logs "stopped".
void shut_down_when_signalled(shutdown_signal& stop, std::optional<watchdog>& limit,
                              const std::shared_ptr<spdlog::logger>& log,
                              std::chrono::milliseconds grace,
                              const std::function<void()>& shut_down);

}  // namespace kactor::cmd
