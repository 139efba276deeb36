#include "bench/etcd_completion.hpp"

#include <thread>

namespace kactor::bench {

void completion::finish() {
  std::lock_guard<std::mutex> guard(mutex_);
  last_ = bench_clock::now();
  if (--remaining_ == 0) cv_.notify_all();
}

bool completion::wait_until(bench_clock::time_point deadline) {
  std::unique_lock<std::mutex> lock(mutex_);
  return cv_.wait_until(lock, deadline, [this] { return remaining_ <= 0; });
}

bench_clock::time_point completion::last_finish() const {
  std::lock_guard<std::mutex> guard(mutex_);
  return last_;
}

bool wait_for_count(const std::function<std::size_t()>& count, std::size_t target,
                    std::chrono::milliseconds timeout) {
  auto deadline = bench_clock::now() + timeout;
  while (count() < target) {
    if (bench_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

}  // namespace kactor::bench
