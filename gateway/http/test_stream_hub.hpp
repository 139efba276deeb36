#pragma once

// Test support for the gateway/http tests (header only): a route that opens a stream per
// request and hands every stream to the test, which waits for them with bounded waits.

#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "gateway/http/router.hpp"
#include "gateway/http/stream.hpp"

namespace kactor::http::testing {

class stream_hub : public std::enable_shared_from_this<stream_hub> {
 public:
  // Adds `GET <pattern>`: begins a JSON stream, counts its close, keeps it for the test.
  void add_route(router& r, std::string pattern) {
    r.add("GET", pattern, [self = shared_from_this()](request, responder res) {
      auto s = res.begin_stream(response::json(200, ""));
      REQUIRE(s);
      s->on_close([self] { self->closed_one(); });
      std::lock_guard<std::mutex> guard{self->mutex_};
      self->streams_.push_back(*s);
      self->changed_.notify_all();
    });
  }

  // Waits (up to 60 s) until `n` streams were opened; false on timeout.
  bool wait_opened(std::size_t n) {
    std::unique_lock<std::mutex> lock{mutex_};
    return changed_.wait_for(lock, std::chrono::seconds(60), [&] { return streams_.size() >= n; });
  }

  // Waits (up to 30 s) until `n` on_close callbacks ran; false on timeout.
  bool wait_closed(std::size_t n) {
    std::unique_lock<std::mutex> lock{mutex_};
    return changed_.wait_for(lock, std::chrono::seconds(30), [&] { return closed_ >= n; });
  }

  std::vector<stream> streams() {
    std::lock_guard<std::mutex> guard{mutex_};
    return streams_;
  }

  stream at(std::size_t i) {
    std::lock_guard<std::mutex> guard{mutex_};
    return streams_.at(i);
  }

  std::size_t closed() {
    std::lock_guard<std::mutex> guard{mutex_};
    return closed_;
  }

 private:
  void closed_one() {
    std::lock_guard<std::mutex> guard{mutex_};
    ++closed_;
    changed_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<stream> streams_;
  std::size_t closed_ = 0;
};

}  // namespace kactor::http::testing
