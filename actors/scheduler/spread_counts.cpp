#include "actors/scheduler/spread_counts.hpp"

#include <algorithm>
#include <utility>

#include "actors/scheduler/cluster_snapshot.hpp"
#include "actors/scheduler/selectors.hpp"

namespace kactor::scheduler {

namespace {

// The cache key: whether terminating pods count, namespace, topology key and the selector;
// NUL separates the parts, which no label contains.
std::string entry_key(std::string_view ns, const k8s::meta::v1::LabelSelector& selector,
                      std::string_view topology_key, bool with_terminating) {
  std::string k(with_terminating ? "t" : "-");
  k.append(ns).push_back('\0');
  k.append(topology_key).push_back('\0');
  k += canonical_selector(selector);
  return k;
}

}  // namespace

bool spread_counts::counts(const entry& e, const pod_info& pod) {
  return pod.namespace_name() == e.ns &&
         (e.with_terminating || !pod.pod->metadata().has_deletiontimestamp()) &&
         matches(e.selector, pod.pod->metadata().labels());
}

void spread_counts::add_node(entry& e, const node_info& node, int sign) {
  if (!node.live()) return;
  const auto* value = node.label(e.topology_key);
  if (value == nullptr) return;
  e.counts.nodes[*value] += sign;
  std::int64_t matching = 0;
  for (const auto& pod : node.pods()) {
    if (counts(e, *pod)) ++matching;
  }
  if (matching != 0 || sign > 0) e.counts.pods[*value] += sign * matching;
}

const domain_counts& spread_counts::get(std::string_view ns,
                                        const k8s::meta::v1::LabelSelector& selector,
                                        const std::string& topology_key,
                                        const cluster_snapshot& snapshot, bool with_terminating) {
  auto key = entry_key(ns, selector, topology_key, with_terminating);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    if (entries_.size() >= capacity) {
      auto oldest = std::min_element(
          entries_.begin(), entries_.end(),
          [](const auto& a, const auto& b) { return a.second.last_used < b.second.last_used; });
      entries_.erase(oldest);
    }
    entry e;
    e.ns = std::string(ns);
    e.selector = selector;
    e.topology_key = topology_key;
    e.with_terminating = with_terminating;
    for (std::size_t i = 0; i < snapshot.node_count(); ++i)
      add_node(e, snapshot.node_at(i), 1);
    it = entries_.emplace(std::move(key), std::move(e)).first;
  }
  it->second.last_used = ++clock_;
  return it->second.counts;
}

void spread_counts::pod_contribution(const pod_info& pod, const node_info* node, int sign) {
  if (node == nullptr || !node->live()) return;
  for (auto& [key, e] : entries_) {
    if (!counts(e, pod)) continue;
    if (const auto* value = node->label(e.topology_key)) e.counts.pods[*value] += sign;
  }
}

void spread_counts::node_contribution(const node_info& node, int sign) {
  for (auto& [key, e] : entries_)
    add_node(e, node, sign);
}

bool spread_counts::relabels(const google::protobuf::Map<std::string, std::string>& before,
                             const google::protobuf::Map<std::string, std::string>& after) const {
  return std::any_of(entries_.begin(), entries_.end(), [&](const auto& kv) {
    const auto& k = kv.second.topology_key;
    auto b = before.find(k);
    auto a = after.find(k);
    if ((b == before.end()) != (a == after.end())) return true;
    return b != before.end() && b->second != a->second;
  });
}

}  // namespace kactor::scheduler
