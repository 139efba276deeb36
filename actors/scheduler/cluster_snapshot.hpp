#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actors/scheduler/affinity_index.hpp"
#include "actors/scheduler/anti_affinity_terms.hpp"
#include "actors/scheduler/pod_info.hpp"
#include "actors/scheduler/resources.hpp"
#include "actors/scheduler/spread_counts.hpp"
#include "k8s/core/v1/node.pb.h"
#include "k8s/core/v1/pod.pb.h"

namespace kactor::scheduler {

class cluster_snapshot;

/// One node as the plugins see it: the Node object, its allocatable amounts and the sums of
/// the pods assigned to it. Read-only outside cluster_snapshot, which keeps it consistent.
class node_info {
 public:
  /// The node's name (also for a node whose pods arrived before the Node itself).
  const std::string& name() const { return name_; }
  /// The Node object; empty when only pods naming this node are known so far.
  const k8s::core::v1::Node& node() const { return node_; }
  /// True when the Node object is known (the node is a candidate).
  bool live() const { return has_node_; }
  /// The value of a Node label; nullptr when the node does not carry it.
  const std::string* label(const std::string& key) const {
    const auto& labels = node_.metadata().labels();
    auto it = labels.find(key);
    return it == labels.end() ? nullptr : &it->second;
  }
  /// status.allocatable (pods included), parsed.
  const resource_amounts& allocatable() const { return allocatable_; }
  /// Sum of the effective requests of the assigned pods (pods field: unused, see pods()).
  const resource_amounts& requested() const { return requested_; }
  /// Sums of the scoring requests (defaults for containers without cpu or memory requests).
  std::int64_t non_zero_milli_cpu() const { return non_zero_milli_cpu_; }
  std::int64_t non_zero_memory() const { return non_zero_memory_; }
  /// The pods assigned to this node, in no particular order.
  const std::vector<std::shared_ptr<const pod_info>>& pods() const { return pods_; }
  /// The assigned pods with any pod (anti-)affinity term: all InterPodAffinity must look at
  /// when the incoming pod has no terms of its own.
  const std::vector<std::shared_ptr<const pod_info>>& pods_with_affinity() const {
    return affinity_pods_;
  }
  /// Every host port the assigned pods use (one entry per pod port).
  const std::vector<host_port>& used_ports() const { return used_ports_; }
  /// How many assigned pods have required pod anti-affinity terms.
  std::size_t pods_with_required_anti_affinity() const { return anti_affinity_pods_; }

 private:
  friend class cluster_snapshot;

  void add_pod(std::shared_ptr<const pod_info> pod);
  void remove_pod(const pod_info* pod);

  std::string name_;
  bool has_node_ = false;
  k8s::core::v1::Node node_;
  resource_amounts allocatable_;
  resource_amounts requested_;
  std::int64_t non_zero_milli_cpu_ = 0;
  std::int64_t non_zero_memory_ = 0;
  std::vector<std::shared_ptr<const pod_info>> pods_;
  std::vector<std::shared_ptr<const pod_info>> affinity_pods_;
  std::vector<host_port> used_ports_;
  std::size_t anti_affinity_pods_ = 0;
};

/// The scheduler's view of the cluster: every Node and every pod assigned to one, kept up to
/// date incrementally from informer events. Not thread-safe: one owner (the scheduler actor)
/// mutates it and runs schedule_one on it between mutations.
class cluster_snapshot {
 public:
  cluster_snapshot() = default;
  cluster_snapshot(const cluster_snapshot&) = delete;
  cluster_snapshot& operator=(const cluster_snapshot&) = delete;
  cluster_snapshot(cluster_snapshot&&) = default;
  cluster_snapshot& operator=(cluster_snapshot&&) = default;

  /// A snapshot of these nodes and pods (as from two informer lists).
  static cluster_snapshot from_lists(const std::vector<k8s::core::v1::Node>& nodes,
                                     const std::vector<k8s::core::v1::Pod>& pods);

  /// Adds a node, or replaces the Node object of a known one (its pods stay).
  void upsert_node(k8s::core::v1::Node node);
  /// Forgets a node. Pods still assigned to it stay counted until they are removed, but the
  /// node is no longer a candidate. Unknown names are ignored.
  void remove_node(std::string_view name);

  /// Adds or replaces a pod. A pod counts on its node while spec.nodeName is set and its phase
  /// is neither Succeeded nor Failed; otherwise upserting it forgets any earlier version.
  void upsert_pod(k8s::core::v1::Pod pod);
  /// The same with a pod_info computed beforehand (e.g. the scheduler's assumed pod).
  void upsert_pod(std::shared_ptr<const pod_info> pod);
  /// Forgets a pod; unknown keys are ignored.
  void remove_pod(std::string_view namespace_name, std::string_view name);

  /// The candidate nodes (those with a Node object), in the order they were first added.
  std::size_t node_count() const { return live_.size(); }
  const node_info& node_at(std::size_t index) const { return *live_[index]; }
  /// A node by name (also one only known through its pods); nullptr when unknown.
  const node_info* find_node(std::string_view name) const;
  /// A tracked (assigned, non-terminal) pod; nullptr when not tracked.
  const pod_info* find_pod(std::string_view namespace_name, std::string_view name) const;
  /// How many tracked pods have required pod anti-affinity terms, cluster-wide.
  std::size_t pods_with_required_anti_affinity() const { return anti_affinity_pods_; }
  /// How many tracked pods have any pod (anti-)affinity term, required or preferred.
  std::size_t pods_with_pod_affinity() const { return affinity_pods_; }
  /// How many tracked pods have terms that count in InterPodAffinity's score: required pod
  /// affinity, or preferred pod affinity or anti-affinity.
  std::size_t pods_with_score_terms() const { return score_term_pods_; }
  /// The tracked pods by namespace and label.
  const affinity_index& affinity() const { return index_; }
  /// The tracked pods' required anti-affinity terms, grouped, with the domains they occupy.
  const anti_affinity_terms& anti_affinity() const { return anti_terms_; }
  /// PodTopologySpread's matching pods and nodes per domain of `topology_key` for pods of
  /// namespace `ns` selected by `selector`: one scan the first time, kept up to date by every
  /// later change (spread_counts). Valid until the next call or change.
  const domain_counts& spread_domain_counts(std::string_view ns,
                                            const k8s::meta::v1::LabelSelector& selector,
                                            const std::string& topology_key,
                                            bool with_terminating = false) const {
    return spread_.get(ns, selector, topology_key, *this, with_terminating);
  }
  /// Increases with every change; a pod found unschedulable at generation g may fit after it.
  std::uint64_t generation() const { return generation_; }

 private:
  struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <class T>
  using string_map = std::unordered_map<std::string, T, string_hash, std::equal_to<>>;

  node_info& node_slot(std::string_view name);
  void drop_if_unused(const std::string& name);

  string_map<std::unique_ptr<node_info>> nodes_;
  std::vector<node_info*> live_;
  string_map<std::shared_ptr<const pod_info>> pods_;
  std::size_t anti_affinity_pods_ = 0;
  std::size_t affinity_pods_ = 0;
  std::size_t score_term_pods_ = 0;
  affinity_index index_;
  anti_affinity_terms anti_terms_;
  // A cache that reads do not change the meaning of: asking for counts only starts tracking.
  mutable spread_counts spread_;
  std::uint64_t generation_ = 0;
};

}  // namespace kactor::scheduler
