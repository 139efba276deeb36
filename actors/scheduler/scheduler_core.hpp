#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "actors/scheduler/cluster_snapshot.hpp"
#include "actors/scheduler/schedule_one.hpp"
#include "actors/scheduler/scheduler_config.hpp"
#include "actors/scheduler/scheduling_queue.hpp"
#include "k8s/core/v1/node.pb.h"
#include "k8s/core/v1/pod.pb.h"

namespace kactor::scheduler {

/// What the core asks its owner to do; each must return at once (start asynchronous work).
struct core_effects {
  /// Bind `pod` to `node` (the binding subresource, the pod's uid as precondition) and call
  /// scheduler_core::bind_finished with the outcome later.
  std::function<void(const k8s::core::v1::Pod& pod, const std::string& node)> bind;
  /// Record an Event about `pod` ("Normal" or "Warning", reason, message).
  std::function<void(const k8s::core::v1::Pod& pod, std::string_view type, std::string_view reason,
                     std::string message)>
      event;
  /// Apply a strategic merge patch to the pod's status subresource (fire and forget).
  std::function<void(const k8s::core::v1::Pod& pod, std::string patch)> patch_status;
};

/// The core's choices; defaults are kube-scheduler's.
struct core_options {
  scheduler_config config;
  /// Pods whose spec.schedulerName is this (or unset, for "default-scheduler") are ours.
  std::string scheduler_name = "default-scheduler";
  queue_options queue;
  /// Bindings in flight at most; scheduling pauses while this many are unanswered.
  std::size_t max_in_flight_binds = 512;
};

/// Counters for logs, metrics and tests.
struct core_stats {
  std::uint64_t attempts = 0;       ///< schedule_one runs
  std::uint64_t bound = 0;          ///< bindings that succeeded
  std::uint64_t unschedulable = 0;  ///< attempts that found no node
  std::uint64_t bind_errors = 0;    ///< bindings that failed
};

/// kube-scheduler's loop without the actor: the cluster snapshot fed by pod and node changes,
/// the scheduling queue, the assumed pods and what each attempt's outcome causes. The owner
/// (the scheduler actor) feeds it informer changes, calls run() while has_work(), flush() at
/// next_flush(), and bind_finished() for every bind it started. Single-threaded.
///
/// Assume: a pod placed on a node counts there in the snapshot at once (so the next pod does
/// not overcommit), until the informer shows it bound (then the real object replaces it) or
/// its binding fails (then it is forgotten and the pod retried after its back-off).
class scheduler_core {
 public:
  using time_point = scheduling_queue::time_point;

  scheduler_core(core_options options, core_effects effects);

  /// A Node was added or changed (`old` null when added). Changes that can make a pod fit
  /// (labels, taints, unschedulable, allocatable, a new node) retry the parked pods.
  void node_changed(const k8s::core::v1::Node* old, const k8s::core::v1::Node& node,
                    time_point now);
  void node_deleted(std::string_view name);
  /// A Pod was added or changed (`old` null when added): bound pods go into the snapshot,
  /// pending pods of this scheduler into the queue. A pod that finished frees its node.
  void pod_changed(const k8s::core::v1::Pod* old, const k8s::core::v1::Pod& pod, time_point now);
  /// The same, keeping `pod` itself (no copy) in the snapshot and the queue.
  void pod_changed(const k8s::core::v1::Pod* old, std::shared_ptr<const k8s::core::v1::Pod> pod,
                   time_point now);
  /// A Pod is gone (its last state); an assigned one frees its node.
  void pod_deleted(const k8s::core::v1::Pod& pod, time_point now);

  /// Runs up to `max_attempts` scheduling attempts while binds in flight are under the limit;
  /// returns how many ran.
  std::size_t run(std::size_t max_attempts, time_point now);
  /// True when run() would attempt something now.
  bool has_work() const;
  /// The outcome of a bind started through core_effects::bind. `message` explains a failure.
  void bind_finished(std::string_view key, bool ok, std::string_view message, time_point now);

  /// Moves pods whose back-off or parking time is over to active (then has_work may be true).
  void flush(time_point now) { queue_.flush(now); }
  std::optional<time_point> next_flush() const { return queue_.next_flush(); }

  const cluster_snapshot& snapshot() const { return snapshot_; }
  const scheduling_queue& queue() const { return queue_; }
  const core_stats& stats() const { return stats_; }
  std::size_t binds_in_flight() const { return binds_.size(); }
  /// True while `key` is assumed on a node and not yet seen bound.
  bool assumed(std::string_view key) const;

  /// Whether this scheduler must place `pod`: unassigned, not being deleted, not finished,
  /// no spec.schedulingGates left, spec.schedulerName this one's.
  bool wants(const k8s::core::v1::Pod& pod) const;

 private:
  struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <class T>
  using string_map = std::unordered_map<std::string, T, string_hash, std::equal_to<>>;

  // A bind in flight: the pod as popped and the node it goes to.
  struct pending_bind {
    std::shared_ptr<const pod_info> pod;
    std::string node;
  };

  void attempt(std::shared_ptr<const pod_info> pod, time_point now);
  void assume(const pod_info& pod, const std::string& node);
  void forget(const std::string& key);
  void fit_failed(const pod_info& pod, const fit_failure& failure, time_point now);

  core_options options_;
  core_effects effects_;
  cluster_snapshot snapshot_;
  schedule_state state_;
  scheduling_queue queue_;
  string_map<std::shared_ptr<const pod_info>> assumed_;  // key -> the assumed (bound) copy
  string_map<pending_bind> binds_;
  core_stats stats_;
};

}  // namespace kactor::scheduler
