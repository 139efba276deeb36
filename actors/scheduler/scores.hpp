#pragma once

#include <cstdint>
#include <span>

#include "actors/scheduler/cluster_snapshot.hpp"
#include "actors/scheduler/pod_info.hpp"

namespace kactor::scheduler {

/// The highest score a plugin gives a node after normalization.
inline constexpr std::int64_t max_node_score = 100;

/// NodeResourcesFit with the LeastAllocated strategy (cpu and memory, weight 1 each): per
/// resource (allocatable - requested) * 100 / allocatable, where requested counts the node's
/// pods and this pod with the scoring defaults (100m cpu, 200Mi memory for containers without
/// requests); 0 when allocatable is 0 or exceeded; the weighted mean. Already 0..100.
/// Example: 4000m allocatable, 1000m used, pod 1000m -> cpu 50; memory 8Gi, 2Gi used, pod
/// 2Gi -> 50; score 50.
std::int64_t score_least_allocated(const pod_info& pod, const node_info& node);

/// NodeResourcesBalancedAllocation (cpu and memory): fractions requested/allocatable with the
/// real requests (capped at 1); score (1 - |cpu - memory| / 2) * 100, truncated. Already
/// 0..100. Resources with allocatable 0 are left out.
std::int64_t score_balanced_allocation(const pod_info& pod, const node_info& node);

/// NodeAffinity before normalization: the sum of the weights of the pod's preferred node
/// affinity terms the node matches.
std::int64_t score_node_affinity(const pod_info& pod, const node_info& node);

/// TaintToleration before normalization: how many PreferNoSchedule taints of the node the
/// pod does not tolerate (only tolerations with effect PreferNoSchedule or empty count).
std::int64_t score_taint_toleration(const pod_info& pod, const node_info& node);

/// kube-scheduler's default normalization: scales scores so the highest becomes 100
/// (score * 100 / max). With `reverse`, a score s becomes 100 - s * 100 / max, so fewer is
/// better. When every score is 0 they stay 0, or all become 100 with `reverse`.
void normalize_scores(std::span<std::int64_t> scores, bool reverse);

/// InterPodAffinity's normalization: (score - min) * 100 / (max - min), all 0 when every
/// score is equal.
void normalize_min_max(std::span<std::int64_t> scores);

}  // namespace kactor::scheduler
