#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "bench/gateway/http_client.hpp"

// Many concurrent watch streams on one Asio thread of their own, recording when each event
// line arrives on each stream.
namespace kactor::bench::gateway {

// One event line received by one watcher.
struct delivery {
  std::string name;  // metadata.name of the event's object
  std::string type;  // ADDED, MODIFIED ...
  std::chrono::steady_clock::time_point at;
};

class watch_fanout {
 public:
  // Prepares `watchers` connections that will each GET `target` (a ...?watch=true URL).
  watch_fanout(endpoint ep, std::string target, std::size_t watchers);
  ~watch_fanout();
  watch_fanout(const watch_fanout&) = delete;
  watch_fanout& operator=(const watch_fanout&) = delete;

  // Opens every watch (connect, send, read the response head) from a thread of its own and
  // waits until all have their 200 head or `timeout` passes. Returns how many are open.
  std::size_t open(std::chrono::milliseconds timeout);

  // Total event lines received so far on all watchers (any thread).
  std::uint64_t delivered() const { return delivered_.load(); }

  // Watchers whose stream failed or ended so far (any thread).
  std::size_t broken() const { return broken_.load(); }

  // Stops the thread and closes every stream; then returns what each watcher received, in
  // watcher order. Call once.
  std::vector<std::vector<delivery>> stop();

  // The first failure seen on any watcher ("" if none); valid after stop().
  const std::string& first_failure() const { return first_failure_; }

 private:
  class watcher;
  friend class watcher;

  endpoint ep_;
  std::string target_;
  boost::asio::io_context io_;
  std::vector<std::shared_ptr<watcher>> watchers_;
  std::thread thread_;
  std::atomic<std::size_t> open_{0};
  std::atomic<std::size_t> broken_{0};
  std::atomic<std::uint64_t> delivered_{0};
  std::string first_failure_;  // written on the thread, read after stop()
};

}  // namespace kactor::bench::gateway
