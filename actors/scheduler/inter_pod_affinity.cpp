#include "actors/scheduler/inter_pod_affinity.hpp"

#include <algorithm>

#include "actors/scheduler/selectors.hpp"

namespace kactor::scheduler {

namespace {

using term_list = google::protobuf::RepeatedPtrField<k8s::core::v1::PodAffinityTerm>;

bool selects_all(const term_list& terms, std::string_view owner_namespace,
                 const k8s::core::v1::Pod& pod) {
  return std::all_of(terms.begin(), terms.end(),
                     [&](const auto& t) { return term_selects(t, owner_namespace, pod); });
}

const std::string* label(const node_info& node, const std::string& key) {
  const auto& labels = node.node().metadata().labels();
  auto it = labels.find(key);
  return it == labels.end() ? nullptr : &it->second;
}

const term_list& required_affinity(const k8s::core::v1::PodSpec& spec) {
  return spec.affinity().podaffinity().requiredduringschedulingignoredduringexecution();
}

const term_list& required_anti_affinity(const k8s::core::v1::PodSpec& spec) {
  return spec.affinity().podantiaffinity().requiredduringschedulingignoredduringexecution();
}

}  // namespace

bool term_selects(const k8s::core::v1::PodAffinityTerm& term, std::string_view owner_namespace,
                  const k8s::core::v1::Pod& pod) {
  const auto& ns = pod.metadata().namespace_();
  bool in_namespace = false;
  if (term.namespaces_size() == 0 && !term.has_namespaceselector()) {
    in_namespace = ns == owner_namespace;
  } else {
    in_namespace = std::find(term.namespaces().begin(), term.namespaces().end(), ns) !=
                   term.namespaces().end();
    const auto& sel = term.namespaceselector();
    if (term.has_namespaceselector() && sel.matchlabels().empty() &&
        sel.matchexpressions_size() == 0) {
      in_namespace = true;
    }
  }
  return in_namespace && term.has_labelselector() &&
         matches(term.labelselector(), pod.metadata().labels());
}

std::string inter_pod_affinity_state::domain(std::string_view key, std::string_view value) {
  std::string d;
  d.reserve(key.size() + 1 + value.size());
  d.append(key).push_back('\0');
  d.append(value);
  return d;
}

inter_pod_affinity_state::inter_pod_affinity_state(const pod_info& pod,
                                                   const cluster_snapshot& snapshot)
    : pod_(pod) {
  const bool filter_needed = pod.has_required_affinity || pod.has_required_anti_affinity ||
                             snapshot.pods_with_required_anti_affinity() > 0;
  const bool score_needed = pod.has_preferred_pod_affinity || snapshot.pods_with_pod_affinity() > 0;
  active_ = filter_needed;
  if (!filter_needed && !score_needed) return;
  pod_matches_own_affinity_ =
      selects_all(required_affinity(pod.spec()), pod.namespace_name(), *pod.pod);
  // Without terms of its own, only existing pods with terms can matter (their anti-affinity
  // against it, their affinity for it), so the scan skips the other pods.
  const bool own_terms = pod.has_pod_affinity_terms();
  for (std::size_t i = 0; i < snapshot.node_count(); ++i) {
    const auto& node = snapshot.node_at(i);
    for (const auto& existing : own_terms ? node.pods() : node.pods_with_affinity()) {
      if (filter_needed) add_filter_counts(node, *existing);
      if (score_needed) add_score_terms(node, *existing);
    }
  }
}

void inter_pod_affinity_state::add_filter_counts(const node_info& node, const pod_info& existing) {
  const auto& own_ns = pod_.namespace_name();
  const auto& affinity_terms = required_affinity(pod_.spec());
  const auto& other = *existing.pod;
  // An existing pod counts for the affinity only when it matches every required term.
  if (!affinity_terms.empty() && selects_all(affinity_terms, own_ns, other)) {
    for (const auto& t : affinity_terms) {
      if (const auto* v = label(node, t.topologykey())) ++affinity_[domain(t.topologykey(), *v)];
    }
  }
  for (const auto& t : required_anti_affinity(pod_.spec())) {
    if (!term_selects(t, own_ns, other)) continue;
    if (const auto* v = label(node, t.topologykey())) ++anti_affinity_[domain(t.topologykey(), *v)];
  }
  if (!existing.has_required_anti_affinity) return;
  for (const auto& t : required_anti_affinity(existing.spec())) {
    if (!term_selects(t, existing.namespace_name(), *pod_.pod)) continue;
    if (const auto* v = label(node, t.topologykey())) {
      ++existing_anti_affinity_[domain(t.topologykey(), *v)];
    }
  }
}

void inter_pod_affinity_state::add_score_terms(const node_info& node, const pod_info& existing) {
  // Adds sign * weight to the domain of `node` when the term, written in a pod of namespace
  // `owner_ns`, selects `target`.
  auto process = [&](const k8s::core::v1::PodAffinityTerm& term, std::int64_t weight,
                     std::string_view owner_ns, const k8s::core::v1::Pod& target) {
    if (!term_selects(term, owner_ns, target)) return;
    if (const auto* v = label(node, term.topologykey())) {
      topology_score_[domain(term.topologykey(), *v)] += weight;
    }
  };
  const auto& own = pod_.spec().affinity();
  const auto& own_ns = pod_.namespace_name();
  for (const auto& w : own.podaffinity().preferredduringschedulingignoredduringexecution())
    process(w.podaffinityterm(), w.weight(), own_ns, *existing.pod);
  for (const auto& w : own.podantiaffinity().preferredduringschedulingignoredduringexecution())
    process(w.podaffinityterm(), -w.weight(), own_ns, *existing.pod);
  if (!existing.has_pod_affinity_terms()) return;
  const auto& theirs = existing.spec().affinity();
  const auto& their_ns = existing.namespace_name();
  for (const auto& t : required_affinity(existing.spec()))
    process(t, 1, their_ns, *pod_.pod);
  for (const auto& w : theirs.podaffinity().preferredduringschedulingignoredduringexecution())
    process(w.podaffinityterm(), w.weight(), their_ns, *pod_.pod);
  for (const auto& w : theirs.podantiaffinity().preferredduringschedulingignoredduringexecution())
    process(w.podaffinityterm(), -w.weight(), their_ns, *pod_.pod);
}

std::int64_t inter_pod_affinity_state::score(const node_info& node) const {
  if (topology_score_.empty()) return 0;
  std::int64_t sum = 0;
  for (const auto& [key, value] : node.node().metadata().labels()) {
    auto it = topology_score_.find(domain(key, value));
    if (it != topology_score_.end()) sum += it->second;
  }
  return sum;
}

bool inter_pod_affinity_state::satisfies_affinity(const node_info& node) const {
  bool pods_exist = true;
  for (const auto& t : required_affinity(pod_.spec())) {
    const auto* v = label(node, t.topologykey());
    if (v == nullptr) return false;  // the node must carry every topology key
    auto it = affinity_.find(domain(t.topologykey(), *v));
    if (it == affinity_.end() || it->second <= 0) pods_exist = false;
  }
  // The first pod of a group that selects itself may go anywhere, as long as no pod in the
  // cluster matches its terms yet.
  return pods_exist || (affinity_.empty() && pod_matches_own_affinity_);
}

bool inter_pod_affinity_state::satisfies_anti_affinity(const node_info& node) const {
  if (anti_affinity_.empty()) return true;
  for (const auto& t : required_anti_affinity(pod_.spec())) {
    const auto* v = label(node, t.topologykey());
    if (v == nullptr) continue;
    auto it = anti_affinity_.find(domain(t.topologykey(), *v));
    if (it != anti_affinity_.end() && it->second > 0) return false;
  }
  return true;
}

bool inter_pod_affinity_state::satisfies_existing_anti_affinity(const node_info& node) const {
  if (existing_anti_affinity_.empty()) return true;
  for (const auto& [key, value] : node.node().metadata().labels()) {
    auto it = existing_anti_affinity_.find(domain(key, value));
    if (it != existing_anti_affinity_.end() && it->second > 0) return false;
  }
  return true;
}

filter_status inter_pod_affinity_state::filter(const node_info& node) const {
  if (!active_) return filter_status::success();
  if (!satisfies_affinity(node)) {
    return filter_status::fail(filter_code::unresolvable, std::string(reason_pod_affinity));
  }
  if (!satisfies_anti_affinity(node)) {
    return filter_status::fail(filter_code::unschedulable, std::string(reason_pod_anti_affinity));
  }
  if (!satisfies_existing_anti_affinity(node)) {
    return filter_status::fail(filter_code::unschedulable,
                               std::string(reason_existing_anti_affinity));
  }
  return filter_status::success();
}

}  // namespace kactor::scheduler
