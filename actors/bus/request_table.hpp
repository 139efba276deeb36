#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>

#include <caf/actor.hpp>
#include <caf/error.hpp>

// Internal to actors/bus: the requests of one connection waiting for their reply.
namespace kactor::bus::detail {

// Correlation ids, requesters and deadlines. Each pending request ends exactly once: taken by
// its reply (take), expired by the table's timer thread (the requester then receives
// (reply_atom, id, errc::timeout error)), or failed by fail_all. Thread-safe.
class request_table {
 public:
  using clock = std::chrono::steady_clock;

  // A pending request: who gets the outcome, and what names it in the timeout message.
  struct entry {
    caf::actor requester;
    std::string subject;
    std::chrono::milliseconds timeout;
  };

  // Starts the timer thread.
  request_table();
  // Stops the timer thread; pending requests are dropped without a message (call fail_all
  // first to tell their requesters).
  ~request_table();
  request_table(const request_table&) = delete;
  request_table& operator=(const request_table&) = delete;

  // Registers a request that expires `timeout` from now and returns its id (> 0, never
  // reused).
  uint64_t add(caf::actor requester, std::string subject, std::chrono::milliseconds timeout);

  // Removes a pending request and returns it; nullopt when it already ended or is unknown.
  std::optional<entry> take(uint64_t id);

  // Ends every pending request with `err` sent to its requester as (reply_atom, id, err).
  void fail_all(const caf::error& err);

  // Number of pending requests.
  size_t size() const;

 private:
  void run();

  mutable std::mutex mtx_;
  std::condition_variable cv_;
  bool stop_ = false;
  uint64_t next_id_ = 1;
  std::unordered_map<uint64_t, std::pair<entry, clock::time_point>> pending_;
  std::set<std::pair<clock::time_point, uint64_t>> deadlines_;
  std::thread timer_;
};

}  // namespace kactor::bus::detail
