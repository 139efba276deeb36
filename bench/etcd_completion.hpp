#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>

#include "bench/etcd_load.hpp"

// Synchronisation between bench_etcd_compare's driver thread and its clients.
namespace kactor::bench {

// Counts clients down to zero and remembers when the last one finished. Thread-safe.
class completion {
 public:
  explicit completion(int clients) : remaining_(clients) {}

  // One client is done (any thread; once per client).
  void finish();

  // Waits until every client finished or `deadline` passed; true when all finished.
  bool wait_until(bench_clock::time_point deadline);

  // When the last client finished; valid after wait_until returned true.
  bench_clock::time_point last_finish() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  int remaining_;
  bench_clock::time_point last_;
};

// Polls `count` every millisecond until it reaches `target` or `timeout` passed (a watcher
// has no completion event of its own: it cannot know how many events are still to come).
// True when the target was reached.
bool wait_for_count(const std::function<std::size_t()>& count, std::size_t target,
                    std::chrono::milliseconds timeout);

}  // namespace kactor::bench
