#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "actors/scheduler/pod_info.hpp"
#include "k8s/meta/v1/selector.pb.h"

namespace kactor::scheduler {

class cluster_snapshot;
class node_info;

/// For one (namespace, label selector, topology key): per value of the key, the live nodes
/// carrying it and the pods on them that the selector matches (the namespace; terminating pods
/// only when asked). What PodTopologySpread counts for a constraint that covers every node
/// with the key (no node inclusion policy narrows it), and InterPodAffinity for a pod's
/// required anti-affinity term. Values stay in the maps at 0.
struct domain_counts {
  std::unordered_map<std::string, std::int64_t> nodes;
  std::unordered_map<std::string, std::int64_t> pods;
};

/// The domain_counts a cluster_snapshot keeps up to date for the selectors pods asked about
/// recently, so that a spread constraint costs O(domains) per attempt instead of a scan of
/// every pod and node. An entry is computed by one scan when first asked for, then adjusted
/// by the snapshot on every pod and node change; at most `capacity` entries are kept, the
/// least recently used dropped.
class spread_counts {
 public:
  static constexpr std::size_t capacity = 16;

  /// The counts for a selector; valid until the next snapshot change, and while fewer than
  /// `capacity` other selectors are asked for. `with_terminating`: pods being deleted count
  /// too (InterPodAffinity counts them, PodTopologySpread does not).
  const domain_counts& get(std::string_view ns, const k8s::meta::v1::LabelSelector& selector,
                           const std::string& topology_key, const cluster_snapshot& snapshot,
                           bool with_terminating = false);

  /// Adds (sign 1) or takes away (sign -1) what a pod on `node` (nullptr: unknown) counts.
  void pod_contribution(const pod_info& pod, const node_info* node, int sign);
  /// Adds or takes away what a node and its pods count (nothing unless it is live).
  void node_contribution(const node_info& node, int sign);
  /// True when a Node update from `before` to `after` labels changes any counted key.
  bool relabels(const google::protobuf::Map<std::string, std::string>& before,
                const google::protobuf::Map<std::string, std::string>& after) const;
  bool empty() const { return entries_.empty(); }

 private:
  struct entry {
    std::string ns;
    k8s::meta::v1::LabelSelector selector;
    std::string topology_key;
    bool with_terminating = false;
    domain_counts counts;
    std::uint64_t last_used = 0;
  };

  static bool counts(const entry& e, const pod_info& pod);
  static void add_node(entry& e, const node_info& node, int sign);

  std::unordered_map<std::string, entry> entries_;
  std::uint64_t clock_ = 0;
};

}  // namespace kactor::scheduler
