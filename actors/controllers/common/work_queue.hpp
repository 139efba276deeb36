#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>

// client-go's rate-limited work queue, for one actor (not thread-safe: its owner calls it).
// Time is passed in, so tests control it.
namespace kactor::controllers {

using steady = std::chrono::steady_clock;

// Per-key exponential back-off: the n-th failure of a key (n = 0, 1, ...) waits
// min(base * 2^n, max); forget() resets the key. Defaults: 5 ms .. 1000 s (client-go's).
class backoff_limiter {
 public:
  explicit backoff_limiter(std::chrono::milliseconds base = std::chrono::milliseconds(5),
                           std::chrono::milliseconds max = std::chrono::seconds(1000));

  // The delay of the key's next retry; counts one more failure.
  std::chrono::milliseconds when(const std::string& key);
  // Failures counted for the key since its last forget().
  int failures(const std::string& key) const;
  void forget(const std::string& key);

 private:
  std::chrono::milliseconds base_;
  std::chrono::milliseconds max_;
  std::map<std::string, int> failures_;
};

// A queue of keys with client-go's guarantees:
// - a key added while queued is queued once (dedup);
// - a key handed out by pop() is "processing" until done(); adding it meanwhile does not hand
//   it to a second worker: it is queued again by done(), so it is processed once more after;
// - add_after / add_rate_limited queue a key once its time comes (the earlier time wins when
//   a key is delayed twice).
class work_queue {
 public:
  explicit work_queue(backoff_limiter limiter = backoff_limiter{});

  void add(const std::string& key);
  // Adds `key` at `now + delay` (at once when delay <= 0).
  void add_after(const std::string& key, steady::duration delay, steady::time_point now);
  // add_after with the key's next back-off delay.
  void add_rate_limited(const std::string& key, steady::time_point now);
  // Resets the key's back-off (after a successful sync).
  void forget(const std::string& key) { limiter_.forget(key); }
  int failures(const std::string& key) const { return limiter_.failures(key); }

  // The next queued key, after moving the delayed keys due at `now` into the queue; marks it
  // processing. nullopt when nothing is ready.
  std::optional<std::string> pop(steady::time_point now);
  // Ends the processing of `key` (handed out by pop); requeues it if it was added meanwhile.
  void done(const std::string& key);

  // When the earliest delayed key is due; nullopt when none is delayed.
  std::optional<steady::time_point> next_due() const;

  std::size_t queued() const { return queue_.size(); }
  std::size_t processing() const { return processing_.size(); }
  std::size_t delayed() const { return delayed_.size(); }

 private:
  void promote(steady::time_point now);

  backoff_limiter limiter_;
  std::deque<std::string> queue_;
  std::set<std::string> dirty_;       // queued, or added while processing
  std::set<std::string> processing_;  // handed out, not done
  std::map<std::string, steady::time_point> delayed_;
};

}  // namespace kactor::controllers
