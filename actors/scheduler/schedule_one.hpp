#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "actors/scheduler/cluster_snapshot.hpp"
#include "actors/scheduler/pod_info.hpp"
#include "actors/scheduler/scheduler_config.hpp"
#include "k8s/core/v1/pod.pb.h"
#include "messages/basic_result.hpp"

namespace kactor::scheduler {

/// What schedule_one carries from one attempt to the next. The scheduler actor owns one;
/// tests seed it for determinism.
struct schedule_state {
  /// Where the next attempt starts its search, so successive pods spread their filtering
  /// over the whole cluster when only part of it is searched.
  std::size_t next_start_index = 0;
  /// Breaks ties between equally scored nodes (kube-scheduler picks uniformly at random).
  std::mt19937_64 random{0x6b6163746f72};
};

/// A feasible node was found.
struct placement {
  std::string node_name;      ///< the node to bind the pod to
  std::int64_t score = 0;     ///< its weighted score (0 when fewer than two were feasible)
  std::size_t evaluated = 0;  ///< nodes the filters ran on
  std::size_t feasible = 0;   ///< nodes that passed every filter
};

/// No node passed the filters.
struct fit_failure {
  /// The text of the FailedScheduling event and of the PodScheduled=False condition, e.g.
  /// "0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready:
  /// }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful
  /// for scheduling, 2 No preemption victims found for incoming pod."
  /// With no nodes at all: "no nodes available to schedule pods".
  std::string message;
  /// Each reason with how many nodes reported it, in the message's order.
  std::vector<std::pair<std::string, std::size_t>> reasons;
  /// Nodes that failed only checks eviction could fix (Unschedulable, not Unresolvable).
  std::size_t resolvable_nodes = 0;
};

using schedule_result = messages::basic_result<placement, fit_failure>;

/// How many feasible nodes to look for before scoring, as kube-scheduler computes it:
/// every node under 100 nodes; else nodes * percentage / 100 (percentage 0 = adaptive
/// 50 - nodes / 125, at least 5), but at least 100. Example: 5000 nodes, adaptive -> 10% ->
/// 500.
std::size_t feasible_nodes_to_find(std::int32_t percentage, std::size_t node_count);

/// One scheduling attempt: runs the configured filters on the nodes starting at
/// state.next_start_index until feasible_nodes_to_find nodes passed or all were tried, scores
/// the feasible ones with the configured plugins and picks the highest total (ties at random).
/// Never modifies the snapshot: the caller assumes the pod onto the chosen node (upsert_pod
/// with spec.nodeName set) and binds it. The result is a placement or a fit_failure.
schedule_result schedule_one(const pod_info& pod, const cluster_snapshot& snapshot,
                             const scheduler_config& config, schedule_state& state);

/// The same for a pod without precomputed info.
schedule_result schedule_one(const k8s::core::v1::Pod& pod, const cluster_snapshot& snapshot,
                             const scheduler_config& config, schedule_state& state);

}  // namespace kactor::scheduler
