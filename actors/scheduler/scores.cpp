#include "actors/scheduler/scores.hpp"

#include <algorithm>
#include <cmath>

#include "actors/scheduler/selectors.hpp"

namespace kactor::scheduler {

namespace {

std::int64_t least_allocated(std::int64_t requested, std::int64_t allocatable) {
  if (allocatable == 0 || requested > allocatable) return 0;
  return (allocatable - requested) * max_node_score / allocatable;
}

}  // namespace

std::int64_t score_least_allocated(const pod_info& pod, const node_info& node) {
  const auto& alloc = node.allocatable();
  auto cpu =
      least_allocated(node.non_zero_milli_cpu() + pod.requests.non_zero_milli_cpu, alloc.milli_cpu);
  auto memory =
      least_allocated(node.non_zero_memory() + pod.requests.non_zero_memory, alloc.memory);
  return (cpu + memory) / 2;
}

std::int64_t score_balanced_allocation(const pod_info& pod, const node_info& node) {
  const auto& alloc = node.allocatable();
  const auto& used = node.requested();
  const auto& want = pod.requests.requested;
  double fractions[2];
  int n = 0;
  auto add = [&](std::int64_t requested, std::int64_t allocatable) {
    if (allocatable == 0) return;
    fractions[n++] = std::min(1.0, static_cast<double>(requested) / allocatable);
  };
  add(used.milli_cpu + want.milli_cpu, alloc.milli_cpu);
  add(used.memory + want.memory, alloc.memory);
  double std_dev = n == 2 ? std::abs(fractions[0] - fractions[1]) / 2 : 0.0;
  return static_cast<std::int64_t>((1 - std_dev) * static_cast<double>(max_node_score));
}

std::int64_t score_node_affinity(const pod_info& pod, const node_info& node) {
  std::int64_t sum = 0;
  const auto& preferred =
      pod.spec().affinity().nodeaffinity().preferredduringschedulingignoredduringexecution();
  for (const auto& term : preferred) {
    if (term.weight() != 0 && matches(term.preference(), node.node())) sum += term.weight();
  }
  return sum;
}

std::int64_t score_taint_toleration(const pod_info& pod, const node_info& node) {
  std::int64_t count = 0;
  const auto& tolerations = pod.spec().tolerations();
  for (const auto& taint : node.node().spec().taints()) {
    if (taint.effect() != "PreferNoSchedule") continue;
    bool tolerated = std::any_of(tolerations.begin(), tolerations.end(), [&](const auto& t) {
      return (t.effect().empty() || t.effect() == "PreferNoSchedule") && tolerates(t, taint);
    });
    if (!tolerated) ++count;
  }
  return count;
}

void normalize_scores(std::span<std::int64_t> scores, bool reverse) {
  std::int64_t max = 0;
  for (auto s : scores)
    max = std::max(max, s);
  if (max == 0) {
    if (reverse) std::fill(scores.begin(), scores.end(), max_node_score);
    return;
  }
  for (auto& s : scores) {
    s = s * max_node_score / max;
    if (reverse) s = max_node_score - s;
  }
}

void normalize_min_max(std::span<std::int64_t> scores) {
  if (scores.empty()) return;
  auto [lo, hi] = std::minmax_element(scores.begin(), scores.end());
  const std::int64_t min = *lo;
  const std::int64_t diff = *hi - min;
  for (auto& s : scores) {
    s = diff > 0 ? static_cast<std::int64_t>(static_cast<double>(max_node_score) *
                                             (static_cast<double>(s - min) / diff))
                 : 0;
  }
}

}  // namespace kactor::scheduler
