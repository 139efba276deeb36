#include "actors/scheduler/schedule_one.hpp"

#include <algorithm>
#include <optional>

#include "actors/scheduler/filters.hpp"
#include "actors/scheduler/inter_pod_affinity.hpp"
#include "actors/scheduler/pod_topology_spread.hpp"
#include "actors/scheduler/scores.hpp"

namespace kactor::scheduler {

namespace {

constexpr std::size_t min_feasible_nodes = 100;
constexpr std::int32_t min_feasible_percentage = 5;
constexpr std::int32_t default_percentage = 50;

using histogram = std::vector<std::pair<std::string, std::size_t>>;

void count(histogram& h, std::string reason) {
  auto it = std::find_if(h.begin(), h.end(), [&](const auto& e) { return e.first == reason; });
  if (it != h.end()) {
    ++it->second;
  } else {
    h.emplace_back(std::move(reason), 1);
  }
}

// "0/3 nodes are available: 1 x, 2 y." with the entries sorted as strings, count included
// (kube-scheduler sorts the formatted "<count> <reason>" texts, so "10 ..." precedes "2 ...").
std::string availability(std::size_t nodes, const histogram& h) {
  std::vector<std::string> parts;
  parts.reserve(h.size());
  for (const auto& [reason, n] : h)
    parts.push_back(std::to_string(n) + " " + reason);
  std::sort(parts.begin(), parts.end());
  std::string text = "0/" + std::to_string(nodes) + " nodes are available:";
  for (std::size_t i = 0; i < parts.size(); ++i)
    text += (i == 0 ? " " : ", ") + parts[i];
  return text + ".";
}

// The PostFilter part: preemption is not implemented, so it reports what kube-scheduler's
// DefaultPreemption reports when it finds no victims.
std::string preemption_message(const pod_info& pod, std::size_t nodes, std::size_t resolvable) {
  const auto& spec = pod.spec();
  if (spec.has_preemptionpolicy() && spec.preemptionpolicy() == "Never") {
    return "preemption: not eligible due to preemptionPolicy=Never.";
  }
  histogram h;
  if (nodes > resolvable)
    h.emplace_back("Preemption is not helpful for scheduling", nodes - resolvable);
  if (resolvable > 0) h.emplace_back("No preemption victims found for incoming pod", resolvable);
  return "preemption: " + availability(nodes, h);
}

fit_failure make_failure(const pod_info& pod, std::size_t nodes, histogram reasons,
                         std::size_t resolvable) {
  fit_failure failure;
  failure.message = availability(nodes, reasons) + " " + preemption_message(pod, nodes, resolvable);
  std::sort(reasons.begin(), reasons.end(), [](const auto& a, const auto& b) {
    return std::to_string(a.second) + " " + a.first < std::to_string(b.second) + " " + b.first;
  });
  failure.reasons = std::move(reasons);
  failure.resolvable_nodes = resolvable;
  return failure;
}

// The per-attempt states of the plugins that precompute (kube-scheduler's PreFilter).
struct plugin_states {
  std::optional<inter_pod_affinity_state> inter_pod;
  std::optional<pod_topology_spread_state> spread;
};

filter_status run_filter(plugin p, const pod_info& pod, const node_info& node,
                         const plugin_states& states) {
  switch (p) {
    case plugin::node_unschedulable:
      return filter_node_unschedulable(pod, node);
    case plugin::node_name:
      return filter_node_name(pod, node);
    case plugin::taint_toleration:
      return filter_taint_toleration(pod, node);
    case plugin::node_affinity:
      return filter_node_affinity(pod, node);
    case plugin::node_ports:
      return filter_node_ports(pod, node);
    case plugin::node_resources_fit:
      return filter_node_resources_fit(pod, node);
    case plugin::inter_pod_affinity:
      return states.inter_pod ? states.inter_pod->filter(node) : filter_status{};
    case plugin::pod_topology_spread:
      return states.spread && states.spread->active() ? states.spread->filter(node)
                                                      : filter_status{};
    case plugin::node_resources_balanced_allocation:
      return filter_status::success();
  }
  return filter_status::success();
}

// Scores of one plugin for every feasible node, normalized to 0..100.
void score_plugin(plugin p, const pod_info& pod, const cluster_snapshot& snapshot,
                  const std::vector<std::size_t>& feasible, const plugin_states& states,
                  std::vector<std::int64_t>& out) {
  if (p == plugin::pod_topology_spread) {
    score_pod_topology_spread(pod, snapshot, feasible, out);
    return;
  }
  out.assign(feasible.size(), 0);
  for (std::size_t i = 0; i < feasible.size(); ++i) {
    const auto& node = snapshot.node_at(feasible[i]);
    switch (p) {
      case plugin::taint_toleration:
        out[i] = score_taint_toleration(pod, node);
        break;
      case plugin::node_affinity:
        out[i] = score_node_affinity(pod, node);
        break;
      case plugin::node_resources_fit:
        out[i] = score_least_allocated(pod, node);
        break;
      case plugin::node_resources_balanced_allocation:
        out[i] = score_balanced_allocation(pod, node);
        break;
      case plugin::inter_pod_affinity:
        out[i] = states.inter_pod ? states.inter_pod->score(node) : 0;
        break;
      default:
        break;
    }
  }
  if (p == plugin::taint_toleration) normalize_scores(out, true);
  if (p == plugin::node_affinity) normalize_scores(out, false);
  if (p == plugin::inter_pod_affinity) normalize_min_max(out);
}

// The index into `feasible` of the best total; ties resolved uniformly at random by
// reservoir sampling.
std::size_t select_host(const std::vector<std::int64_t>& totals, std::mt19937_64& random) {
  std::size_t best = 0;
  std::size_t ties = 1;
  for (std::size_t i = 1; i < totals.size(); ++i) {
    if (totals[i] > totals[best]) {
      best = i;
      ties = 1;
    } else if (totals[i] == totals[best]) {
      ++ties;
      if (std::uniform_int_distribution<std::size_t>(0, ties - 1)(random) == 0) best = i;
    }
  }
  return best;
}

bool uses(const scheduler_config& config, plugin p) {
  return std::find(config.filters.begin(), config.filters.end(), p) != config.filters.end() ||
         std::any_of(config.scores.begin(), config.scores.end(),
                     [&](const auto& s) { return s.name == p && s.weight > 0; });
}

}  // namespace

std::size_t feasible_nodes_to_find(std::int32_t percentage, std::size_t node_count) {
  if (node_count < min_feasible_nodes || percentage >= 100) return node_count;
  std::int64_t pct = percentage;
  if (pct <= 0) {
    pct = default_percentage - static_cast<std::int64_t>(node_count / 125);
    pct = std::max<std::int64_t>(pct, min_feasible_percentage);
  }
  auto n = static_cast<std::size_t>(static_cast<std::int64_t>(node_count) * pct / 100);
  return std::max(n, min_feasible_nodes);
}

schedule_result schedule_one(const pod_info& pod, const cluster_snapshot& snapshot,
                             const scheduler_config& config, schedule_state& state) {
  const std::size_t n = snapshot.node_count();
  if (n == 0) return fit_failure{"no nodes available to schedule pods", {}, 0};
  plugin_states states;
  if (uses(config, plugin::inter_pod_affinity)) states.inter_pod.emplace(pod, snapshot);
  if (std::find(config.filters.begin(), config.filters.end(), plugin::pod_topology_spread) !=
      config.filters.end()) {
    states.spread.emplace(pod, snapshot);
  }

  const std::size_t wanted = feasible_nodes_to_find(config.percentage_of_nodes_to_score, n);
  const std::size_t start = state.next_start_index % n;
  std::vector<std::size_t> feasible;
  histogram reasons;
  std::size_t resolvable = 0;
  std::size_t evaluated = 0;
  while (evaluated < n && feasible.size() < wanted) {
    const std::size_t index = (start + evaluated) % n;
    ++evaluated;
    const auto& node = snapshot.node_at(index);
    filter_status status;
    for (auto p : config.filters) {
      status = run_filter(p, pod, node, states);
      if (!status.ok()) break;
    }
    if (status.ok()) {
      feasible.push_back(index);
      continue;
    }
    if (status.code == filter_code::unschedulable) ++resolvable;
    for (auto& reason : status.reasons)
      count(reasons, std::move(reason));
  }
  state.next_start_index = (start + evaluated) % n;
  if (feasible.empty()) return make_failure(pod, n, std::move(reasons), resolvable);

  placement result{"", 0, evaluated, feasible.size()};
  std::size_t chosen = 0;
  if (feasible.size() > 1) {
    std::vector<std::int64_t> totals(feasible.size(), 0);
    std::vector<std::int64_t> scores;
    for (const auto& [p, weight] : config.scores) {
      score_plugin(p, pod, snapshot, feasible, states, scores);
      for (std::size_t i = 0; i < totals.size(); ++i)
        totals[i] += scores[i] * weight;
    }
    chosen = select_host(totals, state.random);
    result.score = totals[chosen];
  }
  result.node_name = snapshot.node_at(feasible[chosen]).name();
  return result;
}

schedule_result schedule_one(const k8s::core::v1::Pod& pod, const cluster_snapshot& snapshot,
                             const scheduler_config& config, schedule_state& state) {
  return schedule_one(*make_pod_info(pod), snapshot, config, state);
}

}  // namespace kactor::scheduler
