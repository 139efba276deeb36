#include "actors/bus/request_table.hpp"

#include <vector>

#include <caf/send.hpp>

#include "actors/bus/error.hpp"
#include "actors/bus/events.hpp"

namespace kactor::bus::detail {

request_table::request_table() : timer_([this] { run(); }) {}

request_table::~request_table() {
  {
    std::lock_guard<std::mutex> guard{mtx_};
    stop_ = true;
  }
  cv_.notify_all();
  timer_.join();
}

uint64_t request_table::add(caf::actor requester, std::string subject,
                            std::chrono::milliseconds timeout) {
  auto deadline = clock::now() + timeout;
  bool earliest = false;
  uint64_t id = 0;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    id = next_id_++;
    earliest = deadlines_.empty() || deadline < deadlines_.begin()->first;
    pending_.emplace(
        id, std::make_pair(entry{std::move(requester), std::move(subject), timeout}, deadline));
    deadlines_.emplace(deadline, id);
  }
  // The timer only needs to re-plan when this deadline comes first.
  if (earliest) cv_.notify_one();
  return id;
}

std::optional<request_table::entry> request_table::take(uint64_t id) {
  std::lock_guard<std::mutex> guard{mtx_};
  auto i = pending_.find(id);
  if (i == pending_.end()) return std::nullopt;
  deadlines_.erase({i->second.second, id});
  auto result = std::move(i->second.first);
  pending_.erase(i);
  return result;
}

void request_table::fail_all(const caf::error& err) {
  std::unordered_map<uint64_t, std::pair<entry, clock::time_point>> failed;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    failed.swap(pending_);
    deadlines_.clear();
  }
  for (auto& [id, value] : failed)
    caf::anon_send(value.first.requester, reply_atom::value, id, err);
}

size_t request_table::size() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return pending_.size();
}

void request_table::run() {
  std::unique_lock<std::mutex> lock{mtx_};
  while (!stop_) {
    if (deadlines_.empty()) {
      cv_.wait(lock);
      continue;
    }
    auto now = clock::now();
    std::vector<std::pair<uint64_t, entry>> expired;
    while (!deadlines_.empty() && deadlines_.begin()->first <= now) {
      auto id = deadlines_.begin()->second;
      deadlines_.erase(deadlines_.begin());
      auto i = pending_.find(id);
      expired.emplace_back(id, std::move(i->second.first));
      pending_.erase(i);
    }
    if (expired.empty()) {
      // A copy: take() may erase the earliest entry while this thread waits.
      auto next = deadlines_.begin()->first;
      cv_.wait_until(lock, next);
      continue;
    }
    // Send without the lock: replies racing with expiry must not wait for the sends.
    lock.unlock();
    for (auto& [id, e] : expired) {
      auto msg = "nats: request " + e.subject + ": no reply within " +
                 std::to_string(e.timeout.count()) + " ms";
      caf::anon_send(e.requester, reply_atom::value, id, make_error(errc::timeout, std::move(msg)));
    }
    lock.lock();
  }
}

}  // namespace kactor::bus::detail
