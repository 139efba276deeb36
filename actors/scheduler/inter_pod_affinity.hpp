#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "actors/scheduler/cluster_snapshot.hpp"
#include "actors/scheduler/filter_status.hpp"
#include "actors/scheduler/pod_info.hpp"
#include "k8s/core/v1/affinity.pb.h"

namespace kactor::scheduler {

inline constexpr std::string_view reason_pod_affinity = "node(s) didn't match pod affinity rules";
inline constexpr std::string_view reason_pod_anti_affinity =
    "node(s) didn't match pod anti-affinity rules";
inline constexpr std::string_view reason_existing_anti_affinity =
    "node(s) didn't satisfy existing pods anti-affinity rules";

/// True when `pod` is selected by `term` as written in a pod of namespace `owner_namespace`:
/// the pod's namespace is listed (an empty list without namespaceSelector means the owner's
/// namespace; an empty namespaceSelector means every namespace) and its labels match the
/// term's labelSelector (no labelSelector matches nothing). A non-empty namespaceSelector
/// matches no namespace (namespace labels are not in the snapshot).
bool term_selects(const k8s::core::v1::PodAffinityTerm& term, std::string_view owner_namespace,
                  const k8s::core::v1::Pod& pod);

/// Per-pod precomputation of InterPodAffinity (kube-scheduler's PreFilter): how many existing
/// pods match the incoming pod's required terms per topology domain, and which domains the
/// required anti-affinity of existing pods forbids. Built once per scheduling attempt when the
/// pod or any existing pod has terms, else empty. Where kube-scheduler scans every pod, this
/// reads what the snapshot keeps: per-domain counts for the pod's required anti-affinity terms
/// (spread_domain_counts; terms with a namespaceSelector or several namespaces are counted by
/// visiting the pods their selector can match), the existing pods' anti-affinity terms grouped
/// with their domains (anti_affinity()), and the pods by label for required affinity. The
/// score part visits every pod with terms (every pod when the pod has preferred terms).
class inter_pod_affinity_state {
 public:
  inter_pod_affinity_state(const pod_info& pod, const cluster_snapshot& snapshot);

  /// InterPodAffinity's Filter for one node: affinity (unresolvable), then the pod's
  /// anti-affinity (unschedulable), then existing pods' anti-affinity (unschedulable).
  filter_status filter(const node_info& node) const;

  /// InterPodAffinity's Score for one node before normalization: the summed weights of the
  /// preferred terms (the pod's, and existing pods' that select this pod; existing pods'
  /// required affinity with weight 1), anti-affinity negative, for the topology domains the
  /// node is in. Normalize with normalize_min_max.
  std::int64_t score(const node_info& node) const;

  /// False when the plugin has nothing to check for this pod (its Filter always succeeds).
  bool active() const { return active_; }

 private:
  using counts = std::unordered_map<std::string, std::int64_t>;
  static std::string domain(std::string_view key, std::string_view value);

  // Calls fn(node, existing) for every assigned pod `term` (written in the pod) may select:
  // the pods of the term's namespaces carrying its index label (affinity_index), or every
  // pod when the term has no matchLabels or a namespaceSelector.
  template <class Fn>
  void for_each_candidate(const cluster_snapshot& snapshot,
                          const k8s::core::v1::PodAffinityTerm& term, Fn&& fn) const;
  // The pod's required terms against existing pods (affinity_, anti_affinity_).
  void count_own_terms(const cluster_snapshot& snapshot);
  // The groups of existing pods' required anti-affinity terms that select the pod.
  void find_existing_anti_affinity(const cluster_snapshot& snapshot);
  void add_score_terms(const node_info& node, const pod_info& existing);
  static void note_key(std::vector<std::string>& keys, const std::string& key);
  // True when the node's domain for any of `keys` has a positive count in `c`.
  static bool any_in_domain(const counts& c, const std::vector<std::string>& keys,
                            const node_info& node);

  bool satisfies_affinity(const node_info& node) const;
  bool satisfies_anti_affinity(const node_info& node) const;
  bool satisfies_existing_anti_affinity(const node_info& node) const;

  const pod_info& pod_;
  bool active_ = false;
  bool pod_matches_own_affinity_ = false;
  counts affinity_;
  counts anti_affinity_;
  // The pod's required anti-affinity terms read from the snapshot's kept counts: the term's
  // topology key and the existing pods it selects per domain.
  std::vector<std::pair<const std::string*, const domain_counts*>> kept_anti_affinity_;
  std::vector<const anti_affinity_terms::group*> existing_terms_;
  counts topology_score_;
  // The topology keys with entries in anti_affinity_ and topology_score_: a node is looked
  // up by these alone.
  std::vector<std::string> anti_affinity_keys_;
  std::vector<std::string> score_keys_;
};

}  // namespace kactor::scheduler
