#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "actors/scheduler/pod_info.hpp"
#include "k8s/meta/v1/selector.pb.h"

namespace kactor::scheduler {

/// The matchLabels pair a selector is indexed under: its smallest key and that key's value;
/// nullopt when the selector has no matchLabels (it cannot be looked up by label).
std::optional<std::pair<std::string_view, std::string_view>> index_label(
    const k8s::meta::v1::LabelSelector& selector);

/// The assigned pods by namespace and label, so that InterPodAffinity and PodTopologySpread
/// visit only the pods a selector can match instead of every pod in the cluster
/// (kube-scheduler scans them all). Kept by cluster_snapshot next to its pods; holds pointers
/// it does not own (each pod_info is added once and removed before it is released).
class affinity_index {
 public:
  using pod_set = std::unordered_set<const pod_info*>;

  void add(const pod_info& pod);
  void remove(const pod_info& pod);

  /// Pods of namespace `ns` carrying label key=value; nullptr when there are none.
  const pod_set* pods_with_label(std::string_view ns, std::string_view key,
                                 std::string_view value) const;

 private:
  struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using buckets = std::unordered_map<std::string, pod_set, string_hash, std::equal_to<>>;

  buckets by_label_;  // "namespace\0key\0value" -> pods
};

}  // namespace kactor::scheduler
