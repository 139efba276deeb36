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

/// Lookups that let InterPodAffinity visit only the pods a term can select instead of every
/// pod in the cluster (kube-scheduler scans them all): the assigned pods by namespace and
/// label, and the pods whose required anti-affinity terms could select a pod with a given
/// label. Kept by cluster_snapshot next to its pods; holds pointers it does not own (each
/// pod_info is added once and removed before it is released).
class affinity_index {
 public:
  using pod_set = std::unordered_set<const pod_info*>;

  void add(const pod_info& pod);
  void remove(const pod_info& pod);

  /// Pods of namespace `ns` carrying label key=value; nullptr when there are none.
  const pod_set* pods_with_label(std::string_view ns, std::string_view key,
                                 std::string_view value) const;
  /// Pods with a required anti-affinity term indexed under key=value (index_label of its
  /// labelSelector); nullptr when there are none. Such a term can only select pods that
  /// carry key=value.
  const pod_set* anti_affinity_terms_under(std::string_view key, std::string_view value) const;
  /// Pods with a required anti-affinity term that has a labelSelector without matchLabels.
  const pod_set& anti_affinity_unindexed() const { return unindexed_; }

 private:
  struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using buckets = std::unordered_map<std::string, pod_set, string_hash, std::equal_to<>>;

  static void insert(buckets& b, std::string key, const pod_info* pod);
  static void erase(buckets& b, const std::string& key, const pod_info* pod);
  template <class Fn>
  static void for_each_anti_affinity_key(const pod_info& pod, Fn&& fn);

  buckets by_label_;       // "namespace\0key\0value" -> pods
  buckets anti_by_label_;  // "key\0value" -> pods with a required anti-affinity term under it
  pod_set unindexed_;
};

}  // namespace kactor::scheduler
