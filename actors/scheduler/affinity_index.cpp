#include "actors/scheduler/affinity_index.hpp"

namespace kactor::scheduler {

namespace {

std::string label_key(std::string_view ns, std::string_view key, std::string_view value) {
  std::string k;
  k.reserve(ns.size() + key.size() + value.size() + 2);
  k.append(ns).push_back('\0');
  k.append(key).push_back('\0');
  k.append(value);
  return k;
}

}  // namespace

std::optional<std::pair<std::string_view, std::string_view>> index_label(
    const k8s::meta::v1::LabelSelector& selector) {
  std::optional<std::pair<std::string_view, std::string_view>> smallest;
  for (const auto& [k, v] : selector.matchlabels()) {
    if (!smallest || std::string_view(k) < smallest->first) smallest.emplace(k, v);
  }
  return smallest;
}

void affinity_index::add(const pod_info& pod) {
  for (const auto& [k, v] : pod.pod->metadata().labels())
    by_label_[label_key(pod.namespace_name(), k, v)].insert(&pod);
}

void affinity_index::remove(const pod_info& pod) {
  for (const auto& [k, v] : pod.pod->metadata().labels()) {
    auto it = by_label_.find(label_key(pod.namespace_name(), k, v));
    if (it == by_label_.end()) continue;
    it->second.erase(&pod);
    if (it->second.empty()) by_label_.erase(it);
  }
}

const affinity_index::pod_set* affinity_index::pods_with_label(std::string_view ns,
                                                               std::string_view key,
                                                               std::string_view value) const {
  auto it = by_label_.find(label_key(ns, key, value));
  return it == by_label_.end() ? nullptr : &it->second;
}

}  // namespace kactor::scheduler
