#include "actors/scheduler/pod_topology_spread.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "actors/scheduler/affinity_index.hpp"
#include "actors/scheduler/selectors.hpp"

namespace kactor::scheduler {

namespace {

constexpr std::string_view hostname_key = "kubernetes.io/hostname";
constexpr std::int64_t max_node_score = 100;

using per_node_counts = std::unordered_map<const node_info*, std::int64_t>;

bool has_all_keys(const node_info& node, const std::vector<spread_constraint>& constraints) {
  return std::all_of(constraints.begin(), constraints.end(), [&](const spread_constraint& c) {
    return node.label(c.topology_key) != nullptr;
  });
}

bool tolerates_scheduling_taints(const pod_info& pod, const node_info& node) {
  return std::all_of(node.node().spec().taints().begin(), node.node().spec().taints().end(),
                     [&](const k8s::core::v1::Taint& t) {
                       return (t.effect() != "NoSchedule" && t.effect() != "NoExecute") ||
                              tolerates(pod.spec().tolerations(), t);
                     });
}

// The node inclusion policies of one node, each computed when a constraint first asks.
class inclusion {
 public:
  inclusion(const pod_info& pod, const node_info& node) : pod_(pod), node_(node) {}

  bool includes(const spread_constraint& c) {
    if (c.honor_node_affinity) {
      if (affinity_ < 0) affinity_ = matches_required_node_affinity(pod_.spec(), node_.node());
      if (affinity_ == 0) return false;
    }
    if (c.honor_node_taints) {
      if (taints_ < 0) taints_ = tolerates_scheduling_taints(pod_, node_);
      if (taints_ == 0) return false;
    }
    return true;
  }

 private:
  const pod_info& pod_;
  const node_info& node_;
  int affinity_ = -1;
  int taints_ = -1;
};

bool counts_for(const spread_constraint& c, std::string_view ns, const pod_info& existing) {
  return existing.namespace_name() == ns && !existing.pod->metadata().has_deletiontimestamp() &&
         matches(c.selector, existing.pod->metadata().labels());
}

// The assigned pods of namespace `ns` that the constraint's selector matches, per node (nodes
// without any are absent). Looked up through the snapshot's label index when the selector
// has matchLabels, else by visiting every pod.
per_node_counts matching_per_node(const cluster_snapshot& snapshot, const spread_constraint& c,
                                  std::string_view ns) {
  per_node_counts counts;
  if (!c.has_selector) return counts;
  if (const auto l = index_label(c.selector)) {
    const auto* pods = snapshot.affinity().pods_with_label(ns, l->first, l->second);
    if (pods == nullptr) return counts;
    for (const auto* existing : *pods) {
      if (!counts_for(c, ns, *existing)) continue;
      if (const auto* node = snapshot.find_node(existing->spec().nodename())) ++counts[node];
    }
    return counts;
  }
  for (std::size_t i = 0; i < snapshot.node_count(); ++i) {
    const auto& node = snapshot.node_at(i);
    for (const auto& existing : node.pods()) {
      if (counts_for(c, ns, *existing)) ++counts[&node];
    }
  }
  return counts;
}

std::int64_t count_on(const per_node_counts& counts, const node_info& node) {
  auto it = counts.find(&node);
  return it == counts.end() ? 0 : it->second;
}

// True when a constraint counts every node that has its key: no node inclusion policy narrows
// it (Honor of node affinity is moot for a pod without nodeSelector or required affinity).
bool covers_every_node(const spread_constraint& c, const pod_info& pod) {
  const auto& spec = pod.spec();
  const bool node_constraints =
      !spec.nodeselector().empty() ||
      spec.affinity().nodeaffinity().has_requiredduringschedulingignoredduringexecution();
  return !c.honor_node_taints && !(c.honor_node_affinity && node_constraints);
}

}  // namespace

std::vector<spread_constraint> spread_constraints(const pod_info& pod, bool hard) {
  const std::string_view wanted = hard ? "DoNotSchedule" : "ScheduleAnyway";
  const auto& labels = pod.pod->metadata().labels();
  std::vector<spread_constraint> out;
  for (const auto& t : pod.spec().topologyspreadconstraints()) {
    if (t.whenunsatisfiable() != wanted) continue;
    spread_constraint c;
    c.max_skew = t.maxskew();
    c.topology_key = t.topologykey();
    c.has_selector = t.has_labelselector();
    c.selector = t.labelselector();
    if (c.has_selector) {
      for (const auto& key : t.matchlabelkeys()) {
        auto it = labels.find(key);
        if (it != labels.end()) (*c.selector.mutable_matchlabels())[key] = it->second;
      }
    }
    if (t.has_mindomains()) c.min_domains = t.mindomains();
    c.honor_node_affinity = !(t.has_nodeaffinitypolicy() && t.nodeaffinitypolicy() == "Ignore");
    c.honor_node_taints = t.has_nodetaintspolicy() && t.nodetaintspolicy() == "Honor";
    out.push_back(std::move(c));
  }
  return out;
}

pod_topology_spread_state::pod_topology_spread_state(const pod_info& pod,
                                                     const cluster_snapshot& snapshot)
    : constraints_(spread_constraints(pod, true)) {
  if (constraints_.empty()) return;
  const auto& ns = pod.namespace_name();
  counts_.resize(constraints_.size());
  if (constraints_.size() == 1 && constraints_[0].has_selector &&
      covers_every_node(constraints_[0], pod)) {
    // The common case: one constraint over every node with its key. The snapshot keeps its
    // domain counts up to date, so this costs O(domains), not a scan of pods and nodes.
    const auto& c = constraints_[0];
    const auto& kept = snapshot.spread_domain_counts(ns, c.selector, c.topology_key);
    for (const auto& [value, nodes] : kept.nodes) {
      if (nodes <= 0) continue;
      auto it = kept.pods.find(value);
      counts_[0].per_domain.emplace(value, it == kept.pods.end() ? 0 : it->second);
    }
    finish(pod);
    return;
  }
  std::vector<per_node_counts> matching;
  matching.reserve(constraints_.size());
  for (const auto& c : constraints_)
    matching.push_back(matching_per_node(snapshot, c, ns));
  // Every eligible node adds its domain, with or without matching pods: empty domains are
  // what keeps the minimum at 0.
  for (std::size_t n = 0; n < snapshot.node_count(); ++n) {
    const auto& node = snapshot.node_at(n);
    if (!has_all_keys(node, constraints_)) continue;
    inclusion policy(pod, node);
    for (std::size_t i = 0; i < constraints_.size(); ++i) {
      if (!policy.includes(constraints_[i])) continue;
      counts_[i].per_domain[*node.label(constraints_[i].topology_key)] +=
          count_on(matching[i], node);
    }
  }
  finish(pod);
}

void pod_topology_spread_state::finish(const pod_info& pod) {
  for (std::size_t i = 0; i < constraints_.size(); ++i) {
    auto& k = counts_[i];
    const auto& c = constraints_[i];
    k.self_match = c.has_selector && matches(c.selector, pod.pod->metadata().labels());
    if (k.per_domain.empty() || static_cast<std::int64_t>(k.per_domain.size()) < c.min_domains)
      continue;  // the global minimum counts as 0
    k.min_match = std::numeric_limits<std::int64_t>::max();
    for (const auto& [domain, count] : k.per_domain)
      k.min_match = std::min(k.min_match, count);
  }
}

filter_status pod_topology_spread_state::filter(const node_info& node) const {
  for (std::size_t i = 0; i < constraints_.size(); ++i) {
    const auto& c = constraints_[i];
    const auto* value = node.label(c.topology_key);
    if (value == nullptr) {
      return filter_status::fail(filter_code::unresolvable,
                                 std::string(reason_spread_missing_label));
    }
    const auto& k = counts_[i];
    auto it = k.per_domain.find(*value);
    const std::int64_t in_domain = it == k.per_domain.end() ? 0 : it->second;
    if (in_domain + (k.self_match ? 1 : 0) - k.min_match > c.max_skew)
      return filter_status::fail(filter_code::unschedulable,
                                 std::string(reason_spread_constraints));
  }
  return filter_status::success();
}

void score_pod_topology_spread(const pod_info& pod, const cluster_snapshot& snapshot,
                               const std::vector<std::size_t>& feasible,
                               std::vector<std::int64_t>& out) {
  out.assign(feasible.size(), 0);
  const auto constraints = spread_constraints(pod, false);
  if (constraints.empty()) return;
  const auto& ns = pod.namespace_name();
  const std::size_t k = constraints.size();

  // PreScore: the domains of the feasible nodes that carry every key (the others are
  // ignored and score 0), then the matching pods of every eligible node in those domains.
  std::vector<bool> ignored(feasible.size(), false);
  std::size_t ignored_count = 0;
  std::vector<std::unordered_map<std::string_view, std::int64_t>> per_domain(k);
  for (std::size_t j = 0; j < feasible.size(); ++j) {
    const auto& node = snapshot.node_at(feasible[j]);
    if (!has_all_keys(node, constraints)) {
      ignored[j] = true;
      ++ignored_count;
      continue;
    }
    for (std::size_t i = 0; i < k; ++i) {
      if (constraints[i].topology_key != hostname_key)
        per_domain[i].try_emplace(*node.label(constraints[i].topology_key), 0);
    }
  }
  std::vector<double> weight(k);
  std::vector<per_node_counts> matching;
  matching.reserve(k);
  for (std::size_t i = 0; i < k; ++i) {
    const auto& c = constraints[i];
    const std::size_t domains =
        c.topology_key == hostname_key ? feasible.size() - ignored_count : per_domain[i].size();
    weight[i] = std::log(static_cast<double>(domains + 2));
    matching.push_back(matching_per_node(snapshot, c, ns));
    if (c.topology_key == hostname_key) continue;
    // Only nodes with matching pods add to a domain.
    for (const auto& [node, count] : matching.back()) {
      if (!has_all_keys(*node, constraints)) continue;
      if (!inclusion(pod, *node).includes(c)) continue;
      auto it = per_domain[i].find(*node->label(c.topology_key));
      if (it != per_domain[i].end()) it->second += count;
    }
  }

  std::int64_t lowest = std::numeric_limits<std::int64_t>::max();
  std::int64_t highest = 0;
  for (std::size_t j = 0; j < feasible.size(); ++j) {
    if (ignored[j]) continue;
    const auto& node = snapshot.node_at(feasible[j]);
    double score = 0;
    for (std::size_t i = 0; i < k; ++i) {
      const auto& c = constraints[i];
      const std::int64_t count = c.topology_key == hostname_key
                                     ? count_on(matching[i], node)
                                     : per_domain[i].at(*node.label(c.topology_key));
      score += static_cast<double>(count) * weight[i] + static_cast<double>(c.max_skew - 1);
    }
    out[j] = std::llround(score);
    lowest = std::min(lowest, out[j]);
    highest = std::max(highest, out[j]);
  }
  // Fewer matching pods is better: reversed against the highest raw score.
  for (std::size_t j = 0; j < feasible.size(); ++j) {
    if (ignored[j]) {
      out[j] = 0;
    } else if (highest == 0) {
      out[j] = max_node_score;
    } else {
      out[j] = max_node_score * (highest + lowest - out[j]) / highest;
    }
  }
}

}  // namespace kactor::scheduler
