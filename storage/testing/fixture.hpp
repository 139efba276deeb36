#pragma once

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>

#include "storage/store.hpp"
#include "storage/testing/temp_dir.hpp"

// Test helpers: a settable clock and a store in a temp dir.
namespace kactor::storage::testing {

// A wall clock that only moves when told to. Copies share the same time.
class fake_clock {
 public:
  explicit fake_clock(std::chrono::seconds start = std::chrono::seconds(1'700'000'000))
      : now_(std::make_shared<std::atomic<std::int64_t>>(
            std::chrono::duration_cast<std::chrono::nanoseconds>(start).count())) {}

  clock_function function() const {
    return [now = now_] {
      return std::chrono::system_clock::time_point(
          std::chrono::duration_cast<std::chrono::system_clock::duration>(
              std::chrono::nanoseconds(now->load())));
    };
  }
  void advance(std::chrono::nanoseconds by) { now_->fetch_add(by.count()); }

 private:
  std::shared_ptr<std::atomic<std::int64_t>> now_;
};

inline store_options options_for(const std::filesystem::path& dir, const fake_clock& clock) {
  store_options options;
  options.data_dir = dir;
  options.initial_map_bytes = 1 << 20;
  options.max_map_bytes = 64 << 20;
  options.clock = clock.function();
  return options;
}

inline std::unique_ptr<store> open_store(const store_options& options) {
  auto opened = store::open(options);
  REQUIRE_MESSAGE(opened, describe(opened.error()));
  return std::move(opened).value();
}

// Applies `req` and requires success.
inline write_result must_apply(store& s, const write_request& req) {
  auto done = s.apply(req);
  REQUIRE_MESSAGE(done, describe(done.error()));
  return std::move(done).value();
}

}  // namespace kactor::storage::testing
