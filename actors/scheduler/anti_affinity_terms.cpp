#include "actors/scheduler/anti_affinity_terms.hpp"

#include <utility>

#include "actors/scheduler/affinity_index.hpp"
#include "actors/scheduler/cluster_snapshot.hpp"
#include "actors/scheduler/selectors.hpp"

namespace kactor::scheduler {

namespace {

using term_list = google::protobuf::RepeatedPtrField<k8s::core::v1::PodAffinityTerm>;

const term_list& required_terms(const pod_info& pod) {
  return pod.spec().affinity().podantiaffinity().requiredduringschedulingignoredduringexecution();
}

}  // namespace

std::string anti_affinity_terms::label_key(std::string_view key, std::string_view value) {
  std::string k;
  k.reserve(key.size() + value.size() + 1);
  k.append(key).push_back('\0');
  k.append(value);
  return k;
}

// NUL separates the parts (no name or label contains it); \2 and \3 open the optional ones.
std::string anti_affinity_terms::signature(const k8s::core::v1::PodAffinityTerm& term,
                                           std::string_view owner_namespace) {
  std::string s;
  s.append(owner_namespace).push_back('\0');
  s.append(term.topologykey()).push_back('\0');
  s += canonical_selector(term.labelselector());
  s.push_back('\2');
  for (const auto& ns : term.namespaces())
    s.append(ns).push_back('\0');
  if (term.has_namespaceselector()) {
    s.push_back('\3');
    s += canonical_selector(term.namespaceselector());
  }
  return s;
}

void anti_affinity_terms::add_index(const group& g) {
  if (auto l = index_label(g.term.labelselector())) {
    by_label_[label_key(l->first, l->second)].insert(&g);
  } else {
    unindexed_.insert(&g);
  }
  ++keys_[g.term.topologykey()];
}

void anti_affinity_terms::remove_index(const group& g) {
  if (auto l = index_label(g.term.labelselector())) {
    auto it = by_label_.find(label_key(l->first, l->second));
    if (it != by_label_.end()) {
      it->second.erase(&g);
      if (it->second.empty()) by_label_.erase(it);
    }
  } else {
    unindexed_.erase(&g);
  }
  auto k = keys_.find(g.term.topologykey());
  if (k != keys_.end() && --k->second == 0) keys_.erase(k);
}

void anti_affinity_terms::add_domains(const pod_info& pod, const node_info& node, int sign) {
  if (!node.live()) return;
  for (const auto& t : required_terms(pod)) {
    if (!t.has_labelselector()) continue;  // selects no pod: not kept
    const auto* value = node.label(t.topologykey());
    if (value == nullptr) continue;
    auto it = groups_.find(signature(t, pod.namespace_name()));
    if (it != groups_.end()) it->second.domains[*value] += sign;
  }
}

void anti_affinity_terms::pod_contribution(const pod_info& pod, const node_info* node, int sign) {
  if (!pod.has_required_anti_affinity) return;
  // Domains first when adding (the groups must exist), last when taking away.
  for (const auto& t : required_terms(pod)) {
    if (!t.has_labelselector() || sign < 0) continue;
    auto [it, added] = groups_.try_emplace(signature(t, pod.namespace_name()));
    if (added) {
      it->second.term = t;
      it->second.owner_namespace = pod.namespace_name();
      add_index(it->second);
    }
    ++it->second.holders;
  }
  if (node != nullptr) add_domains(pod, *node, sign);
  if (sign > 0) return;
  for (const auto& t : required_terms(pod)) {
    if (!t.has_labelselector()) continue;
    auto it = groups_.find(signature(t, pod.namespace_name()));
    if (it == groups_.end() || --it->second.holders > 0) continue;
    remove_index(it->second);
    groups_.erase(it);
  }
}

void anti_affinity_terms::node_contribution(const node_info& node, int sign) {
  if (groups_.empty() || !node.live() || node.pods_with_required_anti_affinity() == 0) return;
  for (const auto& pod : node.pods_with_affinity()) {
    if (pod->has_required_anti_affinity) add_domains(*pod, node, sign);
  }
}

bool anti_affinity_terms::relabels(
    const google::protobuf::Map<std::string, std::string>& before,
    const google::protobuf::Map<std::string, std::string>& after) const {
  for (const auto& [key, n] : keys_) {
    auto b = before.find(key);
    auto a = after.find(key);
    if ((b == before.end()) != (a == after.end())) return true;
    if (b != before.end() && b->second != a->second) return true;
  }
  return false;
}

}  // namespace kactor::scheduler
