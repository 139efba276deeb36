#pragma once

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

}  // namespace kactor::cmd
