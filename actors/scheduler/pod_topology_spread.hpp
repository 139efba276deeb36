#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actors/scheduler/cluster_snapshot.hpp"
#include "actors/scheduler/filter_status.hpp"
#include "actors/scheduler/pod_info.hpp"
#include "k8s/meta/v1/selector.pb.h"

namespace kactor::scheduler {

inline constexpr std::string_view reason_spread_constraints =
    "node(s) didn't match pod topology spread constraints";
inline constexpr std::string_view reason_spread_missing_label =
    "node(s) didn't match pod topology spread constraints (missing required label)";

/// One of a pod's topologySpreadConstraints with its defaults applied: the labelSelector
/// with the pod's values for matchLabelKeys added to matchLabels, minDomains 1,
/// nodeAffinityPolicy Honor, nodeTaintsPolicy Ignore.
struct spread_constraint {
  std::int32_t max_skew = 1;
  std::string topology_key;
  bool has_selector = false;  ///< no labelSelector selects no pod
  k8s::meta::v1::LabelSelector selector;
  std::int32_t min_domains = 1;
  bool honor_node_affinity = true;
  bool honor_node_taints = false;
};

/// The pod's constraints whose whenUnsatisfiable is DoNotSchedule (`hard`) or ScheduleAnyway.
std::vector<spread_constraint> spread_constraints(const pod_info& pod, bool hard);

/// PodTopologySpread's Filter (kube-scheduler's PreFilter, computed once per attempt; for a
/// single constraint over every node with its key, read from the snapshot's kept counts): for
/// each DoNotSchedule constraint, the matching pods of the pod's namespace per topology
/// domain, counted over the nodes that carry every constraint's key and pass the
/// constraint's node inclusion policies. A node passes when, for every constraint,
/// pods in its domain + 1 if the pod matches its own selector - the smallest domain count
/// (0 while there are fewer domains than minDomains) <= maxSkew. Kubernetes' system default
/// constraints (for pods of Services and workloads without their own) are not applied.
class pod_topology_spread_state {
 public:
  pod_topology_spread_state(const pod_info& pod, const cluster_snapshot& snapshot);

  /// False when the pod has no DoNotSchedule constraint (the filter always succeeds).
  bool active() const { return !constraints_.empty(); }
  filter_status filter(const node_info& node) const;

 private:
  struct counted {
    std::unordered_map<std::string_view, std::int64_t> per_domain;
    std::int64_t min_match = 0;
    bool self_match = false;
  };

  // Self-match and the global minimum of each constraint once per_domain is counted.
  void finish(const pod_info& pod);

  std::vector<spread_constraint> constraints_;
  std::vector<counted> counts_;
};

/// PodTopologySpread's Score for the feasible nodes (indexes into the snapshot), normalized to
/// 0..100 as kube-scheduler does: for each ScheduleAnyway constraint, matching pods in the
/// node's domain (on the node itself for kubernetes.io/hostname) weighted by
/// log(domains + 2) plus maxSkew - 1; fewer is better. Nodes missing a constraint's key score
/// 0. All zero when the pod has no ScheduleAnyway constraint.
void score_pod_topology_spread(const pod_info& pod, const cluster_snapshot& snapshot,
                               const std::vector<std::size_t>& feasible,
                               std::vector<std::int64_t>& out);

}  // namespace kactor::scheduler
