#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "actors/scheduler/pod_info.hpp"

namespace kactor::scheduler {

/// Timing of the scheduling queue; defaults are kube-scheduler's.
struct queue_options {
  /// Back-off after a pod's first failed attempt; doubles with each further attempt.
  std::chrono::milliseconds initial_backoff{1000};
  /// The longest back-off.
  std::chrono::milliseconds max_backoff{10000};
  /// The longest an unschedulable pod waits for a cluster change before it is retried anyway.
  std::chrono::milliseconds max_unschedulable_stay{std::chrono::minutes(5)};
};

/// Where a pod of the queue is.
enum class queue_place : std::uint8_t {
  active,         ///< waiting for an attempt, ordered by priority, then arrival
  backoff,        ///< failed recently; becomes active when its back-off expires
  unschedulable,  ///< fits nowhere; waits for a cluster change (or max_unschedulable_stay)
  in_flight,      ///< popped: an attempt (or its binding) is running
};

/// The pending pods of one scheduler, as kube-scheduler's PriorityQueue keeps them: an active
/// queue (higher spec.priority first, then arrival), a back-off queue for pods whose attempt
/// failed (initial_backoff doubling per attempt up to max_backoff) and a parking place for
/// unschedulable pods, moved back when the cluster changes or after max_unschedulable_stay.
/// Pods are known by key ("namespace/name"). Pure data structure: the caller passes the time
/// (a steady clock) and owns the thread; operations on unknown keys are no-ops.
///
/// Life of a pod: add -> active -> pop (in_flight) -> one of
///   done (bound: forgotten), backoff (an error: retry after its back-off),
///   unschedulable (parked; a cluster change while it was in flight sends it to back-off
///   instead, since that change may have made it fit).
class scheduling_queue {
 public:
  using clock = std::chrono::steady_clock;
  using time_point = clock::time_point;

  explicit scheduling_queue(queue_options options = {});

  /// Adds a pending pod, or updates a known one with a newer version of it. A new pod goes
  /// to active. A pod in active or in flight keeps its place (active is reordered when its
  /// priority changed). A parked or backing-off pod whose spec or labels changed
  /// (`relevant`) may fit now: it goes to active when its back-off is over, else to
  /// back-off; other updates (its status, e.g. the PodScheduled condition the scheduler
  /// wrote itself) only replace the stored version.
  void add_or_update(std::shared_ptr<const pod_info> pod, time_point now, bool relevant = true);
  /// Forgets a pod (bound elsewhere, deleted, no longer this scheduler's).
  void remove(std::string_view key);

  /// The next pod to try: the highest priority, earliest arrival of active; it becomes
  /// in_flight and its attempts count grows by one. Null when active is empty.
  std::shared_ptr<const pod_info> pop();
  /// The attempt of an in_flight pod bound it: forgets the pod.
  void done(std::string_view key);
  /// The attempt of an in_flight pod failed with an error (a rejected binding): back-off.
  void backoff(std::string_view key, time_point now);
  /// The attempt of an in_flight pod found no node: parked until the cluster changes, or to
  /// back-off when the cluster changed since the pod was popped.
  void unschedulable(std::string_view key, time_point now);

  /// The cluster changed (a node added or updated, a pod deleted or finished): every parked
  /// pod goes to active when its back-off is over, else to back-off.
  void cluster_changed(time_point now);
  /// A narrower change (a pod was assigned): only the parked pods for which `pred` holds
  /// (e.g. those with required pod affinity) go to active or back-off. Pods in flight are not
  /// affected.
  void move_parked_if(const std::function<bool(const pod_info&)>& pred, time_point now);
  /// Moves back-off pods whose back-off is over to active, and pods parked for
  /// max_unschedulable_stay to active (or back-off).
  void flush(time_point now);
  /// When flush() will next have something to do; nullopt when nothing is waiting.
  std::optional<time_point> next_flush() const;

  /// The back-off a pod gets after `attempts` failed attempts: initial * 2^(attempts-1),
  /// at most max_backoff. Example: 1 s, 2 s, 4 s, 8 s, 10 s, 10 s ...
  std::chrono::milliseconds backoff_duration(std::uint32_t attempts) const;

  /// Where a pod is; nullopt when unknown.
  std::optional<queue_place> place(std::string_view key) const;
  /// The latest version of a known pod (also one in flight); null when unknown.
  std::shared_ptr<const pod_info> find(std::string_view key) const;
  /// Attempts made so far for a known pod (0 when unknown).
  std::uint32_t attempts(std::string_view key) const;

  std::size_t size() const { return entries_.size(); }
  std::size_t active_size() const { return active_.size(); }
  std::size_t backoff_size() const { return backoff_.size(); }
  std::size_t unschedulable_size() const { return unschedulable_.size(); }
  std::size_t in_flight_size() const { return in_flight_; }

 private:
  struct entry {
    std::shared_ptr<const pod_info> pod;
    queue_place place = queue_place::active;
    std::uint64_t arrival = 0;         // order among equal priorities in active
    std::uint32_t attempts = 0;        // attempts started
    time_point backoff_until{};        // when the back-off of the last failure ends
    time_point parked_at{};            // when it was parked (unschedulable)
    std::uint64_t popped_at_move = 0;  // moves_ when it was popped
  };
  // (-priority, arrival, key): the first element is the next to pop.
  using active_key = std::tuple<std::int64_t, std::uint64_t, std::string>;
  // (back-off end, arrival, key).
  using backoff_key = std::tuple<time_point, std::uint64_t, std::string>;
  // (parked at, key).
  using parked_key = std::tuple<time_point, std::string>;

  entry* find_entry(std::string_view key);
  const entry* find_entry(std::string_view key) const;
  void unlink(const std::string& key, entry& e);
  void to_active(const std::string& key, entry& e);
  void to_backoff(const std::string& key, entry& e, time_point now);
  void to_active_or_backoff(const std::string& key, entry& e, time_point now);

  queue_options options_;
  struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  std::unordered_map<std::string, entry, string_hash, std::equal_to<>> entries_;
  std::set<active_key> active_;
  std::set<backoff_key> backoff_;
  std::set<parked_key> unschedulable_;
  std::size_t in_flight_ = 0;
  std::uint64_t next_arrival_ = 0;
  std::uint64_t moves_ = 0;  // cluster_changed calls so far
};

}  // namespace kactor::scheduler
