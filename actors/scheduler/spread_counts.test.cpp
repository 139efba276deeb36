#include "actors/scheduler/spread_counts.hpp"

#include <doctest/doctest.h>

#include <map>
#include <random>

#include "actors/scheduler/cluster_snapshot.hpp"
#include "actors/scheduler/scheduler_testing.hpp"
#include "actors/scheduler/selectors.hpp"

using namespace kactor::scheduler;
using testing::labeled;
using testing::make_node;
using testing::zoned;

namespace {

constexpr const char* zone_key = "topology.kubernetes.io/zone";

struct asked {
  std::string ns;
  k8s::meta::v1::LabelSelector selector;
  std::string key;
};

using value_counts = std::map<std::string, std::int64_t>;

// Entries that are not 0, ordered: what the kept counts must equal.
value_counts non_zero(const std::unordered_map<std::string, std::int64_t>& m) {
  value_counts out;
  for (const auto& [k, v] : m) {
    if (v != 0) out[k] = v;
  }
  return out;
}

// The counts by brute force over the snapshot's nodes and pods.
std::pair<value_counts, value_counts> scanned(const cluster_snapshot& snapshot, const asked& a) {
  value_counts nodes;
  value_counts pods;
  for (std::size_t i = 0; i < snapshot.node_count(); ++i) {
    const auto& node = snapshot.node_at(i);
    const auto& labels = node.node().metadata().labels();
    auto it = labels.find(a.key);
    if (it == labels.end()) continue;
    ++nodes[it->second];
    for (const auto& pod : node.pods()) {
      if (pod->namespace_name() == a.ns && !pod->pod->metadata().has_deletiontimestamp() &&
          matches(a.selector, pod->pod->metadata().labels())) {
        ++pods[it->second];
      }
    }
  }
  return {nodes, pods};
}

void check_all(const cluster_snapshot& snapshot, const std::vector<asked>& selectors, int step) {
  for (const auto& a : selectors) {
    const auto& kept = snapshot.spread_domain_counts(a.ns, a.selector, a.key);
    auto [nodes, pods] = scanned(snapshot, a);
    INFO("step " << step << " ns " << a.ns << " key " << a.key);
    CHECK(non_zero(kept.nodes) == nodes);
    CHECK(non_zero(kept.pods) == pods);
  }
}

// prefix + i (built without operator+, which trips GCC 12's -Wrestrict false positive).
std::string named(std::string prefix, int i) {
  prefix += std::to_string(i);
  return prefix;
}

asked with_app(std::string ns, std::string app, std::string key = zone_key) {
  asked a{std::move(ns), {}, std::move(key)};
  (*a.selector.mutable_matchlabels())["app"] = std::move(app);
  return a;
}

}  // namespace

TEST_CASE("kept spread counts equal a fresh scan through random pod and node changes") {
  std::mt19937 random(7);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const std::vector<std::string> zones{"a", "b", "c", ""};  // "" = no zone label
  cluster_snapshot snapshot;
  for (int i = 0; i < 8; ++i)
    snapshot.upsert_node(zoned(named("n", i), zones[i % 3]));

  asked exists{"default", {}, zone_key};
  auto* e = exists.selector.add_matchexpressions();
  e->set_key("app");
  e->set_operator_("Exists");
  std::vector<asked> selectors{with_app("default", "web"), with_app("other", "web"),
                               with_app("default", "db", "kubernetes.io/hostname"), exists};
  check_all(snapshot, selectors, -1);  // starts keeping them

  for (int step = 0; step < 400; ++step) {
    const auto node_name = named("n", pick(12));  // n8..n11 start without a Node
    switch (pick(6)) {
      case 0: {  // a Node appears or changes its zone (or loses the label)
        const auto& zone = zones[static_cast<std::size_t>(pick(4))];
        snapshot.upsert_node(zone.empty() ? make_node(node_name) : zoned(node_name, zone));
        break;
      }
      case 1:
        snapshot.remove_node(node_name);
        break;
      case 2:
        snapshot.remove_pod(pick(2) == 0 ? "default" : "other", named("p", pick(30)));
        break;
      default: {  // a pod is added, moved, relabeled, terminating or finished
        auto pod = labeled(named("p", pick(30)), pick(2) == 0 ? "web" : "db", node_name,
                           pick(3) == 0 ? "other" : "default");
        if (pick(8) == 0) pod.mutable_metadata()->mutable_deletiontimestamp()->set_seconds(1);
        if (pick(10) == 0) pod.mutable_status()->set_phase("Succeeded");
        snapshot.upsert_pod(pod);
        break;
      }
    }
    check_all(snapshot, selectors, step);
  }
}

TEST_CASE("least recently used selectors are dropped and counted afresh when asked again") {
  auto snapshot = cluster_snapshot::from_lists({zoned("a1", "a"), zoned("b1", "b")},
                                               {labeled("w0", "app-0", "a1")});
  for (std::size_t i = 0; i < spread_counts::capacity + 4; ++i) {
    auto a = with_app("default", named("app-", static_cast<int>(i)));
    CHECK(non_zero(snapshot.spread_domain_counts(a.ns, a.selector, a.key).nodes).size() == 2);
  }
  // app-0 was dropped; the pods added since are counted when it is asked for again.
  snapshot.upsert_pod(labeled("w1", "app-0", "b1"));
  snapshot.upsert_pod(labeled("w2", "app-0", "b1"));
  auto a = with_app("default", "app-0");
  const auto& kept = snapshot.spread_domain_counts(a.ns, a.selector, a.key);
  CHECK(non_zero(kept.pods) == value_counts{{"a", 1}, {"b", 2}});
}
