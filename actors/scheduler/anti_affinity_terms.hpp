#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <google/protobuf/map.h>

#include "actors/scheduler/pod_info.hpp"
#include "k8s/core/v1/affinity.pb.h"

namespace kactor::scheduler {

class node_info;

/// The required pod anti-affinity terms of the assigned pods, grouped by what they say, each
/// group with the topology domains its pods occupy. InterPodAffinity asks which groups select
/// an incoming pod and rejects the nodes in their domains: O(groups) per attempt instead of a
/// visit of every pod whose term might select it. Kept up to date by cluster_snapshot.
class anti_affinity_terms {
 public:
  /// Identical terms (owner namespace, namespaces, namespaceSelector, labelSelector,
  /// topologyKey) of any number of pods.
  struct group {
    k8s::core::v1::PodAffinityTerm term;  ///< as the first holder wrote it
    std::string owner_namespace;          ///< the namespace of the pods holding it
    /// Value of term.topologyKey -> holders on live nodes with that value (stays at 0).
    std::unordered_map<std::string, std::int64_t> domains;
    std::int64_t holders = 0;  ///< term instances, wherever their pods are
  };

  /// Adds (sign 1) or takes away (sign -1) a pod's terms; its domains count when `node` is
  /// live and carries the term's key.
  void pod_contribution(const pod_info& pod, const node_info* node, int sign);
  /// Adds or takes away the domains of the terms of a node's pods (nothing unless live).
  void node_contribution(const node_info& node, int sign);
  /// True when a Node update from `before` to `after` labels changes a key some term uses.
  bool relabels(const google::protobuf::Map<std::string, std::string>& before,
                const google::protobuf::Map<std::string, std::string>& after) const;

  /// Calls fn(group) for each group whose term may select a pod with these labels: those
  /// indexed under one of the labels (index_label of the term's labelSelector), and those
  /// whose labelSelector has no matchLabels. The caller checks term_selects.
  template <class Fn>
  void for_each_candidate(const google::protobuf::Map<std::string, std::string>& labels,
                          Fn&& fn) const {
    for (const auto& [key, value] : labels) {
      auto it = by_label_.find(label_key(key, value));
      if (it == by_label_.end()) continue;
      for (const auto* g : it->second)
        fn(*g);
    }
    for (const auto* g : unindexed_)
      fn(*g);
  }

  std::size_t size() const { return groups_.size(); }

 private:
  static std::string label_key(std::string_view key, std::string_view value);
  static std::string signature(const k8s::core::v1::PodAffinityTerm& term,
                               std::string_view owner_namespace);
  void add_index(const group& g);
  void remove_index(const group& g);
  void add_domains(const pod_info& pod, const node_info& node, int sign);

  std::unordered_map<std::string, group> groups_;  // signature -> group
  std::unordered_map<std::string, std::unordered_set<const group*>> by_label_;
  std::unordered_set<const group*> unindexed_;
  std::unordered_map<std::string, std::int64_t> keys_;  // topology key -> groups using it
};

}  // namespace kactor::scheduler
