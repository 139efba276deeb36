#include "actors/controllers/common/work_queue.hpp"

#include <algorithm>

namespace kactor::controllers {

backoff_limiter::backoff_limiter(std::chrono::milliseconds base, std::chrono::milliseconds max)
    : base_(base), max_(max) {}

std::chrono::milliseconds backoff_limiter::when(const std::string& key) {
  int n = failures_[key]++;
  // Doubling past 2^40 ms is far beyond any max: stop shifting early to avoid overflow.
  if (n >= 40) return max_;
  auto delay = base_ * (std::int64_t{1} << n);
  return std::min(delay, max_);
}

int backoff_limiter::failures(const std::string& key) const {
  auto it = failures_.find(key);
  return it == failures_.end() ? 0 : it->second;
}

void backoff_limiter::forget(const std::string& key) {
  failures_.erase(key);
}

work_queue::work_queue(backoff_limiter limiter) : limiter_(std::move(limiter)) {}

void work_queue::add(const std::string& key) {
  if (!dirty_.insert(key).second) return;
  if (processing_.count(key)) return;  // done() queues it
  queue_.push_back(key);
}

void work_queue::add_after(const std::string& key, steady::duration delay, steady::time_point now) {
  if (delay <= steady::duration::zero()) return add(key);
  auto due = now + delay;
  auto [it, inserted] = delayed_.emplace(key, due);
  if (!inserted && due < it->second) it->second = due;
}

void work_queue::add_rate_limited(const std::string& key, steady::time_point now) {
  add_after(key, limiter_.when(key), now);
}

void work_queue::promote(steady::time_point now) {
  for (auto it = delayed_.begin(); it != delayed_.end();) {
    if (it->second <= now) {
      auto key = it->first;
      it = delayed_.erase(it);
      add(key);
    } else {
      ++it;
    }
  }
}

std::optional<std::string> work_queue::pop(steady::time_point now) {
  promote(now);
  if (queue_.empty()) return std::nullopt;
  auto key = std::move(queue_.front());
  queue_.pop_front();
  dirty_.erase(key);
  processing_.insert(key);
  return key;
}

void work_queue::done(const std::string& key) {
  processing_.erase(key);
  if (dirty_.count(key)) queue_.push_back(key);
}

std::optional<steady::time_point> work_queue::next_due() const {
  std::optional<steady::time_point> out;
  for (const auto& [key, due] : delayed_)
    if (!out || due < *out) out = due;
  return out;
}

}  // namespace kactor::controllers
