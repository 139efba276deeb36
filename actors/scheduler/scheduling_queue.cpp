#include "actors/scheduler/scheduling_queue.hpp"

#include <algorithm>
#include <utility>

namespace kactor::scheduler {

scheduling_queue::scheduling_queue(queue_options options) : options_(options) {}

scheduling_queue::entry* scheduling_queue::find_entry(std::string_view key) {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

const scheduling_queue::entry* scheduling_queue::find_entry(std::string_view key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

void scheduling_queue::unlink(const std::string& key, entry& e) {
  switch (e.place) {
    case queue_place::active:
      active_.erase({-std::int64_t{e.pod->priority}, e.arrival, key});
      break;
    case queue_place::backoff:
      backoff_.erase({e.backoff_until, e.arrival, key});
      break;
    case queue_place::unschedulable:
      unschedulable_.erase({e.parked_at, key});
      break;
    case queue_place::in_flight:
      --in_flight_;
      break;
  }
}

// Callers unlink first. A pod enters active with a new arrival number, as kube-scheduler
// stamps a pod each time it is (re)queued.
void scheduling_queue::to_active(const std::string& key, entry& e) {
  e.place = queue_place::active;
  e.arrival = next_arrival_++;
  active_.emplace(-std::int64_t{e.pod->priority}, e.arrival, key);
}

void scheduling_queue::to_backoff(const std::string& key, entry& e, time_point now) {
  e.backoff_until = now + backoff_duration(e.attempts);
  e.place = queue_place::backoff;
  backoff_.emplace(e.backoff_until, e.arrival, key);
}

void scheduling_queue::to_active_or_backoff(const std::string& key, entry& e, time_point now) {
  if (now >= e.backoff_until) {
    to_active(key, e);
    return;
  }
  e.place = queue_place::backoff;
  backoff_.emplace(e.backoff_until, e.arrival, key);
}

void scheduling_queue::add_or_update(std::shared_ptr<const pod_info> pod, time_point now,
                                     bool relevant) {
  auto it = entries_.find(pod->key);
  if (it == entries_.end()) {
    auto key = pod->key;
    auto& e = entries_[key];
    e.pod = std::move(pod);
    to_active(key, e);
    return;
  }
  const std::string& key = it->first;
  entry& e = it->second;
  switch (e.place) {
    case queue_place::in_flight:
      e.pod = std::move(pod);  // the attempt's outcome parks this newest version
      return;
    case queue_place::active: {
      // Keep the arrival: an update does not send a pod to the back of its priority.
      active_.erase({-std::int64_t{e.pod->priority}, e.arrival, key});
      e.pod = std::move(pod);
      active_.emplace(-std::int64_t{e.pod->priority}, e.arrival, key);
      return;
    }
    case queue_place::backoff:
    case queue_place::unschedulable:
      if (!relevant) {
        e.pod = std::move(pod);
        return;
      }
      unlink(key, e);
      e.pod = std::move(pod);
      to_active_or_backoff(key, e, now);
      return;
  }
}

void scheduling_queue::remove(std::string_view key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  unlink(it->first, it->second);
  entries_.erase(it);
}

std::shared_ptr<const pod_info> scheduling_queue::pop() {
  if (active_.empty()) return nullptr;
  auto first = active_.begin();
  auto& e = entries_.find(std::get<2>(*first))->second;
  active_.erase(first);
  e.place = queue_place::in_flight;
  ++e.attempts;
  e.popped_at_move = moves_;
  ++in_flight_;
  return e.pod;
}

void scheduling_queue::done(std::string_view key) {
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.place != queue_place::in_flight) return;
  --in_flight_;
  entries_.erase(it);
}

void scheduling_queue::backoff(std::string_view key, time_point now) {
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.place != queue_place::in_flight) return;
  --in_flight_;
  to_backoff(it->first, it->second, now);
}

void scheduling_queue::unschedulable(std::string_view key, time_point now) {
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.place != queue_place::in_flight) return;
  auto& e = it->second;
  --in_flight_;
  if (e.popped_at_move != moves_) {
    // The cluster changed during the attempt, which ran on the older state: retry.
    to_backoff(it->first, e, now);
    return;
  }
  e.backoff_until = now + backoff_duration(e.attempts);
  e.parked_at = now;
  e.place = queue_place::unschedulable;
  unschedulable_.emplace(e.parked_at, it->first);
}

void scheduling_queue::cluster_changed(time_point now) {
  ++moves_;
  auto parked = std::move(unschedulable_);
  unschedulable_.clear();
  for (const auto& [at, key] : parked) {
    auto it = entries_.find(key);
    to_active_or_backoff(it->first, it->second, now);
  }
}

void scheduling_queue::move_parked_if(const std::function<bool(const pod_info&)>& pred,
                                      time_point now) {
  for (auto it = unschedulable_.begin(); it != unschedulable_.end();) {
    auto e = entries_.find(std::get<1>(*it));
    if (!pred(*e->second.pod)) {
      ++it;
      continue;
    }
    it = unschedulable_.erase(it);
    to_active_or_backoff(e->first, e->second, now);
  }
}

void scheduling_queue::flush(time_point now) {
  while (!backoff_.empty() && std::get<0>(*backoff_.begin()) <= now) {
    auto key = std::get<2>(*backoff_.begin());
    backoff_.erase(backoff_.begin());
    auto it = entries_.find(key);
    to_active(it->first, it->second);
  }
  while (!unschedulable_.empty() &&
         std::get<0>(*unschedulable_.begin()) + options_.max_unschedulable_stay <= now) {
    auto key = std::get<1>(*unschedulable_.begin());
    unschedulable_.erase(unschedulable_.begin());
    auto it = entries_.find(key);
    to_active_or_backoff(it->first, it->second, now);
  }
}

std::optional<scheduling_queue::time_point> scheduling_queue::next_flush() const {
  std::optional<time_point> next;
  if (!backoff_.empty()) next = std::get<0>(*backoff_.begin());
  if (!unschedulable_.empty()) {
    auto t = std::get<0>(*unschedulable_.begin()) + options_.max_unschedulable_stay;
    if (!next || t < *next) next = t;
  }
  return next;
}

std::chrono::milliseconds scheduling_queue::backoff_duration(std::uint32_t attempts) const {
  auto d = options_.initial_backoff;
  for (std::uint32_t i = 1; i < attempts && d < options_.max_backoff; ++i)
    d *= 2;
  return std::min(d, options_.max_backoff);
}

std::optional<queue_place> scheduling_queue::place(std::string_view key) const {
  const auto* e = find_entry(key);
  return e ? std::optional<queue_place>(e->place) : std::nullopt;
}

std::shared_ptr<const pod_info> scheduling_queue::find(std::string_view key) const {
  const auto* e = find_entry(key);
  return e ? e->pod : nullptr;
}

std::uint32_t scheduling_queue::attempts(std::string_view key) const {
  const auto* e = find_entry(key);
  return e ? e->attempts : 0;
}

}  // namespace kactor::scheduler
