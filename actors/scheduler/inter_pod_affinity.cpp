#include "actors/scheduler/inter_pod_affinity.hpp"

#include <algorithm>

#include "actors/scheduler/affinity_index.hpp"
#include "actors/scheduler/selectors.hpp"

namespace kactor::scheduler {

namespace {

using term_list = google::protobuf::RepeatedPtrField<k8s::core::v1::PodAffinityTerm>;

bool selects_all(const term_list& terms, std::string_view owner_namespace,
                 const k8s::core::v1::Pod& pod) {
  return std::all_of(terms.begin(), terms.end(),
                     [&](const auto& t) { return term_selects(t, owner_namespace, pod); });
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
  const bool score_needed = pod.has_preferred_pod_affinity || snapshot.pods_with_score_terms() > 0;
  active_ = filter_needed;
  if (!filter_needed && !score_needed) return;
  pod_matches_own_affinity_ =
      selects_all(required_affinity(pod.spec()), pod.namespace_name(), *pod.pod);
  if (filter_needed) {
    count_own_terms(snapshot);
    if (snapshot.pods_with_required_anti_affinity() > 0) find_existing_anti_affinity(snapshot);
  }
  if (score_needed) {
    // Without preferred terms of its own, only existing pods with terms add to the score.
    for (std::size_t i = 0; i < snapshot.node_count(); ++i) {
      const auto& node = snapshot.node_at(i);
      for (const auto& existing :
           pod.has_preferred_pod_affinity ? node.pods() : node.pods_with_affinity()) {
        add_score_terms(node, *existing);
      }
    }
  }
}

template <class Fn>
void inter_pod_affinity_state::for_each_candidate(const cluster_snapshot& snapshot,
                                                  const k8s::core::v1::PodAffinityTerm& term,
                                                  Fn&& fn) const {
  if (!term.has_labelselector()) return;  // selects no pod
  const auto l = index_label(term.labelselector());
  if (!l || term.has_namespaceselector()) {  // not narrowed by the index: every pod
    for (std::size_t i = 0; i < snapshot.node_count(); ++i) {
      const auto& node = snapshot.node_at(i);
      for (const auto& existing : node.pods())
        fn(node, *existing);
    }
    return;
  }
  auto visit = [&](std::string_view ns) {
    const auto* pods = snapshot.affinity().pods_with_label(ns, l->first, l->second);
    if (pods == nullptr) return;
    for (const auto* existing : *pods) {
      if (const auto* node = snapshot.find_node(existing->spec().nodename())) fn(*node, *existing);
    }
  };
  if (term.namespaces_size() == 0) {
    visit(pod_.namespace_name());
    return;
  }
  const auto& list = term.namespaces();
  for (auto it = list.begin(); it != list.end(); ++it) {
    if (std::find(list.begin(), it, *it) == it) visit(*it);  // each namespace once
  }
}

void inter_pod_affinity_state::count_own_terms(const cluster_snapshot& snapshot) {
  const auto& own_ns = pod_.namespace_name();
  const auto& affinity_terms = required_affinity(pod_.spec());
  // An existing pod counts for the affinity only when it matches every required term, so
  // the candidates of the first term are all there is to check.
  if (!affinity_terms.empty()) {
    for_each_candidate(snapshot, affinity_terms[0],
                       [&](const node_info& node, const pod_info& existing) {
                         if (!selects_all(affinity_terms, own_ns, *existing.pod)) return;
                         for (const auto& t : affinity_terms) {
                           if (const auto* v = node.label(t.topologykey()))
                             ++affinity_[domain(t.topologykey(), *v)];
                         }
                       });
  }
  const auto& anti_terms = required_anti_affinity(pod_.spec());
  for (const auto& t : anti_terms) {
    // One namespace and a labelSelector: the snapshot keeps the counts. (A bound on the terms
    // keeps every kept entry this attempt reads in spread_counts' cache.)
    if (t.has_labelselector() && !t.has_namespaceselector() && t.namespaces_size() <= 1 &&
        anti_terms.size() <= 8) {
      const auto& ns = t.namespaces_size() == 1 ? t.namespaces(0) : own_ns;
      kept_anti_affinity_.emplace_back(
          &t.topologykey(),
          &snapshot.spread_domain_counts(ns, t.labelselector(), t.topologykey(), true));
      continue;
    }
    for_each_candidate(snapshot, t, [&](const node_info& node, const pod_info& existing) {
      if (!term_selects(t, own_ns, *existing.pod)) return;
      if (const auto* v = node.label(t.topologykey())) {
        note_key(anti_affinity_keys_, t.topologykey());
        ++anti_affinity_[domain(t.topologykey(), *v)];
      }
    });
  }
}

void inter_pod_affinity_state::find_existing_anti_affinity(const cluster_snapshot& snapshot) {
  snapshot.anti_affinity().for_each_candidate(
      pod_.pod->metadata().labels(), [&](const anti_affinity_terms::group& g) {
        if (term_selects(g.term, g.owner_namespace, *pod_.pod)) existing_terms_.push_back(&g);
      });
}

void inter_pod_affinity_state::note_key(std::vector<std::string>& keys, const std::string& key) {
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
}

void inter_pod_affinity_state::add_score_terms(const node_info& node, const pod_info& existing) {
  // Adds sign * weight to the domain of `node` when the term, written in a pod of namespace
  // `owner_ns`, selects `target`.
  auto process = [&](const k8s::core::v1::PodAffinityTerm& term, std::int64_t weight,
                     std::string_view owner_ns, const k8s::core::v1::Pod& target) {
    if (!term_selects(term, owner_ns, target)) return;
    if (const auto* v = node.label(term.topologykey())) {
      note_key(score_keys_, term.topologykey());
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
  for (const auto& key : score_keys_) {
    const auto* value = node.label(key);
    if (value == nullptr) continue;
    auto it = topology_score_.find(domain(key, *value));
    if (it != topology_score_.end()) sum += it->second;
  }
  return sum;
}

bool inter_pod_affinity_state::satisfies_affinity(const node_info& node) const {
  bool pods_exist = true;
  for (const auto& t : required_affinity(pod_.spec())) {
    const auto* v = node.label(t.topologykey());
    if (v == nullptr) return false;  // the node must carry every topology key
    auto it = affinity_.find(domain(t.topologykey(), *v));
    if (it == affinity_.end() || it->second <= 0) pods_exist = false;
  }
  // The first pod of a group that selects itself may go anywhere, as long as no pod in the
  // cluster matches its terms yet.
  return pods_exist || (affinity_.empty() && pod_matches_own_affinity_);
}

bool inter_pod_affinity_state::any_in_domain(const counts& c, const std::vector<std::string>& keys,
                                             const node_info& node) {
  for (const auto& key : keys) {
    const auto* v = node.label(key);
    if (v == nullptr) continue;
    auto it = c.find(domain(key, *v));
    if (it != c.end() && it->second > 0) return true;
  }
  return false;
}

namespace {

// True when `domains` has pods in the node's domain of `key`.
template <class Domains>
bool occupied(const Domains& domains, const std::string& key, const node_info& node) {
  const auto* v = node.label(key);
  if (v == nullptr) return false;
  auto it = domains.find(*v);
  return it != domains.end() && it->second > 0;
}

}  // namespace

bool inter_pod_affinity_state::satisfies_anti_affinity(const node_info& node) const {
  for (const auto& [key, kept] : kept_anti_affinity_) {
    if (occupied(kept->pods, *key, node)) return false;
  }
  return anti_affinity_.empty() || !any_in_domain(anti_affinity_, anti_affinity_keys_, node);
}

bool inter_pod_affinity_state::satisfies_existing_anti_affinity(const node_info& node) const {
  return std::none_of(existing_terms_.begin(), existing_terms_.end(), [&](const auto* g) {
    return occupied(g->domains, g->term.topologykey(), node);
  });
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
