#include "actors/scheduler/pod_topology_spread.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "actors/scheduler/schedule_one.hpp"
#include "actors/scheduler/scheduler_testing.hpp"

using namespace kactor::scheduler;
using testing::from_yaml;
using testing::labeled;
using testing::make_node;
using testing::make_pod;
using testing::zoned;

namespace {

constexpr const char* zone_key = "topology.kubernetes.io/zone";

// A pod labeled app=web in `default` whose spec ends with the given lines (indented two spaces,
// e.g. a topologySpreadConstraints block).
k8s::core::v1::Pod incoming(std::string_view spec_tail) {
  return from_yaml<k8s::core::v1::Pod>(std::string(R"(
apiVersion: v1
kind: Pod
metadata: {name: incoming, namespace: default, labels: {app: web, pod-template-hash: v2}}
spec:
  containers: [{name: c, image: host}]
)") + std::string(spec_tail));
}

std::string verdict(const pod_topology_spread_state& state, const cluster_snapshot& snapshot,
                    std::string_view node) {
  auto s = state.filter(*snapshot.find_node(node));
  return s.ok() ? "ok" : s.reasons.at(0);
}

constexpr const char* zone_spread = R"(
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule,
     labelSelector: {matchLabels: {app: web}}}
)";

}  // namespace

TEST_CASE("DoNotSchedule keeps the skew between zones within maxSkew") {
  auto snapshot = cluster_snapshot::from_lists(
      {zoned("a1", "a"), zoned("a2", "a"), zoned("b1", "b"), make_node("bare")},
      {labeled("w1", "web", "a1"), labeled("w2", "web", "a2"), labeled("w3", "web", "b1"),
       labeled("other", "db", "b1"), labeled("elsewhere", "web", "b1", "team")});
  auto pod = make_pod_info(incoming(zone_spread));
  pod_topology_spread_state state(*pod, snapshot);
  REQUIRE(state.active());
  // Zone a has 2 web pods, zone b 1: a would reach 3 against a minimum of 1.
  CHECK(verdict(state, snapshot, "a1") == std::string(reason_spread_constraints));
  CHECK(state.filter(*snapshot.find_node("a2")).code == filter_code::unschedulable);
  CHECK(verdict(state, snapshot, "b1") == "ok");
  CHECK(verdict(state, snapshot, "bare") == std::string(reason_spread_missing_label));
  CHECK(state.filter(*snapshot.find_node("bare")).code == filter_code::unresolvable);
}

TEST_CASE("an empty zone is the minimum, so every pod goes there until it catches up") {
  auto snapshot = cluster_snapshot::from_lists(
      {zoned("a1", "a"), zoned("b1", "b"), zoned("c1", "c")}, {labeled("w1", "web", "a1")});
  auto pod = make_pod_info(incoming(zone_spread));
  pod_topology_spread_state state(*pod, snapshot);
  CHECK(verdict(state, snapshot, "a1") != "ok");
  CHECK(verdict(state, snapshot, "b1") == "ok");
  CHECK(verdict(state, snapshot, "c1") == "ok");
}

TEST_CASE("pods that do not count: other namespaces, terminating, not selected") {
  auto terminating = labeled("w2", "web", "a1");
  terminating.mutable_metadata()->mutable_deletiontimestamp()->set_seconds(1);
  auto snapshot = cluster_snapshot::from_lists(
      {zoned("a1", "a"), zoned("b1", "b")},
      {labeled("w1", "web", "a1", "team"), terminating, labeled("d1", "db", "a1")});
  auto pod = make_pod_info(incoming(zone_spread));
  pod_topology_spread_state state(*pod, snapshot);
  CHECK(verdict(state, snapshot, "a1") == "ok");
  CHECK(verdict(state, snapshot, "b1") == "ok");
}

TEST_CASE("a pod its own selector does not match adds nothing to the skew") {
  auto snapshot = cluster_snapshot::from_lists({zoned("a1", "a"), zoned("b1", "b")},
                                               {labeled("d1", "db", "a1")});
  auto pod = make_pod_info(incoming(R"(
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule,
     labelSelector: {matchLabels: {app: db}}}
)"));
  pod_topology_spread_state state(*pod, snapshot);
  CHECK(verdict(state, snapshot, "a1") == "ok");  // 1 + 0 - 0 <= 1
  auto db = labeled("d2", "db", "a1");
  snapshot.upsert_pod(db);
  pod_topology_spread_state after(*pod, snapshot);
  CHECK(verdict(after, snapshot, "a1") != "ok");  // 2 + 0 - 0 > 1
  CHECK(verdict(after, snapshot, "b1") == "ok");
}

TEST_CASE("minDomains: with fewer domains than asked the minimum counts as 0") {
  auto snapshot =
      cluster_snapshot::from_lists({zoned("a1", "a"), zoned("b1", "b")},
                                   {labeled("w1", "web", "a1"), labeled("w2", "web", "b1")});
  auto pod = make_pod_info(incoming(R"(
  topologySpreadConstraints:
  - {maxSkew: 1, minDomains: 3, topologyKey: topology.kubernetes.io/zone,
     whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
)"));
  pod_topology_spread_state state(*pod, snapshot);
  CHECK(verdict(state, snapshot, "a1") != "ok");  // 1 + 1 - 0 > 1
  CHECK(verdict(state, snapshot, "b1") != "ok");
  snapshot.upsert_node(zoned("c1", "c"));
  pod_topology_spread_state three(*pod, snapshot);
  CHECK(verdict(three, snapshot, "c1") == "ok");
  CHECK(verdict(three, snapshot, "a1") != "ok");  // 1 + 1 - 0 (c is empty) > 1
}

TEST_CASE("nodeAffinityPolicy: Honor counts only the nodes the pod may run on") {
  auto ssd1 = make_node("ssd1");
  (*ssd1.mutable_metadata()->mutable_labels())["disk"] = "ssd";
  auto ssd2 = make_node("ssd2");
  (*ssd2.mutable_metadata()->mutable_labels())["disk"] = "ssd";
  auto snapshot = cluster_snapshot::from_lists(
      {ssd1, ssd2, make_node("hdd")}, {labeled("w1", "web", "ssd1"), labeled("w2", "web", "ssd2")});
  auto spec = [](std::string_view policy) {
    return std::string(R"(
  nodeSelector: {disk: ssd}
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule,
     labelSelector: {matchLabels: {app: web}}, nodeAffinityPolicy: )") +
           std::string(policy) + "}\n";
  };
  auto honor = make_pod_info(incoming(spec("Honor")));
  pod_topology_spread_state honored(*honor, snapshot);
  CHECK(verdict(honored, snapshot, "ssd1") == "ok");  // minimum 1 over ssd1, ssd2
  auto ignore = make_pod_info(incoming(spec("Ignore")));
  pod_topology_spread_state ignored(*ignore, snapshot);
  CHECK(verdict(ignored, snapshot, "ssd1") != "ok");  // the empty hdd node is the minimum
}

TEST_CASE("nodeTaintsPolicy: Honor leaves out nodes with untolerated taints") {
  auto tainted = make_node("tainted");
  testing::add_taint(tainted, "dedicated", "x", "NoSchedule");
  auto snapshot =
      cluster_snapshot::from_lists({make_node("n1"), tainted}, {labeled("w1", "web", "n1")});
  auto pod = make_pod_info(incoming(R"(
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule,
     labelSelector: {matchLabels: {app: web}}, nodeTaintsPolicy: Honor}
)"));
  pod_topology_spread_state state(*pod, snapshot);
  CHECK(verdict(state, snapshot, "n1") == "ok");  // the tainted node is no domain
  auto plain = make_pod_info(incoming(R"(
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule,
     labelSelector: {matchLabels: {app: web}}}
)"));
  pod_topology_spread_state ignoring(*plain, snapshot);
  CHECK(verdict(ignoring, snapshot, "n1") != "ok");
}

TEST_CASE("matchLabelKeys narrows the selector to pods with the pod's own values") {
  auto old_version = labeled("w1", "web", "a1");
  (*old_version.mutable_metadata()->mutable_labels())["pod-template-hash"] = "v1";
  auto snapshot = cluster_snapshot::from_lists({zoned("a1", "a"), zoned("b1", "b")}, {old_version});
  auto pod = make_pod_info(incoming(R"(
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule,
     labelSelector: {matchLabels: {app: web}}, matchLabelKeys: [pod-template-hash]}
)"));
  auto constraints = spread_constraints(*pod, true);
  REQUIRE(constraints.size() == 1);
  CHECK(constraints[0].selector.matchlabels().at("pod-template-hash") == "v2");
  pod_topology_spread_state state(*pod, snapshot);
  CHECK(verdict(state, snapshot, "a1") == "ok");  // the v1 pod is not counted
}

TEST_CASE("ScheduleAnyway scores the emptier domain higher and only there") {
  auto snapshot = cluster_snapshot::from_lists(
      {zoned("a1", "a"), zoned("a2", "a"), zoned("b1", "b"), make_node("bare")},
      {labeled("w1", "web", "a1"), labeled("w2", "web", "a1"), labeled("w3", "web", "a2")});
  auto pod = make_pod_info(incoming(R"(
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway,
     labelSelector: {matchLabels: {app: web}}}
)"));
  pod_topology_spread_state state(*pod, snapshot);
  CHECK_FALSE(state.active());  // no DoNotSchedule constraint: the filter passes all
  std::vector<std::size_t> feasible{0, 1, 2, 3};
  std::vector<std::int64_t> scores;
  score_pod_topology_spread(*pod, snapshot, feasible, scores);
  REQUIRE(scores.size() == 4);
  // Zone a: 3 pods * log(2 + 2) = 4.16 -> 4; zone b: 0. Reversed: a 100*(4+0-4)/4, b 100.
  CHECK(scores[0] == 0);
  CHECK(scores[1] == 0);
  CHECK(scores[2] == 100);
  CHECK(scores[3] == 0);  // no zone label: ignored

  auto none = make_pod_info(make_pod("plain"));
  score_pod_topology_spread(*none, snapshot, feasible, scores);
  CHECK(std::all_of(scores.begin(), scores.end(), [](auto s) { return s == 0; }));
}

TEST_CASE("schedule_one spreads a group evenly over zones with DoNotSchedule") {
  auto snapshot = cluster_snapshot::from_lists(
      {zoned("a1", "a"), zoned("a2", "a"), zoned("a3", "a"), zoned("b1", "b"), zoned("c1", "c")},
      {});
  schedule_state state;
  scheduler_config config;
  std::map<std::string, int> per_zone;
  for (int i = 0; i < 9; ++i) {
    auto pod = incoming(zone_spread);
    pod.mutable_metadata()->set_name("web-" + std::to_string(i));
    auto r = schedule_one(pod, snapshot, config, state);
    REQUIRE(r.has_value());
    pod.mutable_spec()->set_nodename(r->node_name);
    snapshot.upsert_pod(pod);
    ++per_zone[snapshot.find_node(r->node_name)->node().metadata().labels().at(zone_key)];
  }
  // Zone a has three nodes but takes no more than one pod above the others.
  CHECK(per_zone["a"] == 3);
  CHECK(per_zone["b"] == 3);
  CHECK(per_zone["c"] == 3);
}
