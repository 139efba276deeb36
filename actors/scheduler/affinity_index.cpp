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

std::string term_key(std::string_view key, std::string_view value) {
  std::string k;
  k.reserve(key.size() + value.size() + 1);
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

void affinity_index::insert(buckets& b, std::string key, const pod_info* pod) {
  b[std::move(key)].insert(pod);
}

void affinity_index::erase(buckets& b, const std::string& key, const pod_info* pod) {
  auto it = b.find(key);
  if (it == b.end()) return;
  it->second.erase(pod);
  if (it->second.empty()) b.erase(it);
}

// Calls fn(key) for the index key of each indexed required anti-affinity term, and
// fn(std::nullopt) once when some term has a labelSelector without matchLabels. Terms without
// a labelSelector select nothing and are left out.
template <class Fn>
void affinity_index::for_each_anti_affinity_key(const pod_info& pod, Fn&& fn) {
  if (!pod.has_required_anti_affinity) return;
  bool unindexed = false;
  for (const auto& t :
       pod.spec().affinity().podantiaffinity().requiredduringschedulingignoredduringexecution()) {
    if (!t.has_labelselector()) continue;
    if (auto l = index_label(t.labelselector())) {
      fn(std::optional<std::string>(term_key(l->first, l->second)));
    } else {
      unindexed = true;
    }
  }
  if (unindexed) fn(std::optional<std::string>());
}

void affinity_index::add(const pod_info& pod) {
  for (const auto& [k, v] : pod.pod->metadata().labels())
    insert(by_label_, label_key(pod.namespace_name(), k, v), &pod);
  for_each_anti_affinity_key(pod, [&](std::optional<std::string> key) {
    if (key) {
      insert(anti_by_label_, std::move(*key), &pod);
    } else {
      unindexed_.insert(&pod);
    }
  });
}

void affinity_index::remove(const pod_info& pod) {
  for (const auto& [k, v] : pod.pod->metadata().labels())
    erase(by_label_, label_key(pod.namespace_name(), k, v), &pod);
  for_each_anti_affinity_key(pod, [&](const std::optional<std::string>& key) {
    if (key) {
      erase(anti_by_label_, *key, &pod);
    } else {
      unindexed_.erase(&pod);
    }
  });
}

const affinity_index::pod_set* affinity_index::pods_with_label(std::string_view ns,
                                                               std::string_view key,
                                                               std::string_view value) const {
  auto it = by_label_.find(label_key(ns, key, value));
  return it == by_label_.end() ? nullptr : &it->second;
}

const affinity_index::pod_set* affinity_index::anti_affinity_terms_under(
    std::string_view key, std::string_view value) const {
  auto it = anti_by_label_.find(term_key(key, value));
  return it == anti_by_label_.end() ? nullptr : &it->second;
}

}  // namespace kactor::scheduler
