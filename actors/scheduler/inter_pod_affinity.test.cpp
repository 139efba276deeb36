#include "actors/scheduler/inter_pod_affinity.hpp"

#include <doctest/doctest.h>

#include "actors/scheduler/scheduler_testing.hpp"

using namespace kactor::scheduler;
using testing::from_yaml;
using testing::labeled;
using testing::make_node;
using testing::make_pod;
using testing::zoned;

namespace {

// A pod with `app: web` and the given affinity block (indented under spec.affinity).
k8s::core::v1::Pod with_affinity(std::string_view affinity, std::string node = "") {
  auto pod = from_yaml<k8s::core::v1::Pod>(std::string(R"(
apiVersion: v1
kind: Pod
metadata: {name: incoming, namespace: default, labels: {app: web}}
spec:
  containers: [{name: c, image: host}]
  affinity:
)") + std::string(affinity));
  if (!node.empty()) pod.mutable_spec()->set_nodename(node);
  return pod;
}

std::string verdict(const inter_pod_affinity_state& state, const cluster_snapshot& snapshot,
                    std::string_view node) {
  auto s = state.filter(*snapshot.find_node(node));
  return s.ok() ? "ok" : s.reasons.at(0);
}

}  // namespace

TEST_CASE("required pod affinity follows matching pods into their topology domain") {
  auto snapshot = cluster_snapshot::from_lists(
      {zoned("a1", "a"), zoned("a2", "a"), zoned("b1", "b"), make_node("bare")},
      {labeled("cache", "redis", "a1")});
  auto pod = make_pod_info(with_affinity(R"(
    podAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: {matchLabels: {app: redis}}
        topologyKey: topology.kubernetes.io/zone
)"));
  inter_pod_affinity_state state(*pod, snapshot);
  CHECK(state.active());
  CHECK(verdict(state, snapshot, "a1") == "ok");
  CHECK(verdict(state, snapshot, "a2") == "ok");  // same zone as the redis pod
  CHECK(verdict(state, snapshot, "b1") == "node(s) didn't match pod affinity rules");
  CHECK(verdict(state, snapshot, "bare") == "node(s) didn't match pod affinity rules");
  CHECK(state.filter(*snapshot.find_node("b1")).code == filter_code::unresolvable);
}

TEST_CASE("the first pod of a group with affinity to itself may go anywhere") {
  auto snapshot = cluster_snapshot::from_lists({zoned("a1", "a"), zoned("b1", "b")}, {});
  auto pod = make_pod_info(with_affinity(R"(
    podAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: {matchLabels: {app: web}}
        topologyKey: topology.kubernetes.io/zone
)"));
  inter_pod_affinity_state state(*pod, snapshot);
  CHECK(verdict(state, snapshot, "a1") == "ok");
  CHECK(verdict(state, snapshot, "b1") == "ok");
}

TEST_CASE("required anti-affinity keeps replicas apart, within the term's namespaces") {
  auto snapshot = cluster_snapshot::from_lists(
      {make_node("n1"), make_node("n2"), make_node("n3")},
      {labeled("web-1", "web", "n1"), labeled("other-ns", "web", "n2", "shop")});
  auto pod = make_pod_info(with_affinity(R"(
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: {matchLabels: {app: web}}
        topologyKey: kubernetes.io/hostname
)"));
  inter_pod_affinity_state state(*pod, snapshot);
  CHECK(verdict(state, snapshot, "n1") == "node(s) didn't match pod anti-affinity rules");
  CHECK(state.filter(*snapshot.find_node("n1")).code == filter_code::unschedulable);
  CHECK(verdict(state, snapshot, "n2") == "ok");  // that web pod lives in namespace shop
  CHECK(verdict(state, snapshot, "n3") == "ok");

  SUBCASE("listed namespaces widen the term") {
    auto wide = make_pod_info(with_affinity(R"(
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: {matchLabels: {app: web}}
        namespaces: [default, shop]
        topologyKey: kubernetes.io/hostname
)"));
    inter_pod_affinity_state s(*wide, snapshot);
    CHECK(verdict(s, snapshot, "n2") == "node(s) didn't match pod anti-affinity rules");
  }
  SUBCASE("an empty namespaceSelector selects every namespace") {
    auto all = make_pod_info(with_affinity(R"(
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}
        namespaceSelector: {}
        topologyKey: kubernetes.io/hostname
)"));
    inter_pod_affinity_state s(*all, snapshot);
    CHECK(verdict(s, snapshot, "n2") == "node(s) didn't match pod anti-affinity rules");
    CHECK(verdict(s, snapshot, "n3") == "ok");
  }
}

TEST_CASE("existing pods' anti-affinity repels the incoming pod") {
  auto guard = with_affinity(R"(
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: {matchLabels: {app: web}}
        topologyKey: topology.kubernetes.io/zone
)",
                             "a1");
  guard.mutable_metadata()->set_name("guard");
  (*guard.mutable_metadata()->mutable_labels())["app"] = "guard";
  auto snapshot =
      cluster_snapshot::from_lists({zoned("a1", "a"), zoned("a2", "a"), zoned("b1", "b")}, {guard});
  CHECK(snapshot.pods_with_required_anti_affinity() == 1);
  auto pod = make_pod_info(labeled("web-2", "web", ""));
  inter_pod_affinity_state state(*pod, snapshot);
  CHECK(state.active());
  CHECK(verdict(state, snapshot, "a2") ==
        "node(s) didn't satisfy existing pods anti-affinity rules");
  CHECK(verdict(state, snapshot, "b1") == "ok");
  auto unrelated = make_pod_info(labeled("db", "db", ""));
  inter_pod_affinity_state other(*unrelated, snapshot);
  CHECK(verdict(other, snapshot, "a1") == "ok");
}

TEST_CASE("a pod without terms in a cluster without anti-affinity skips the plugin") {
  auto snapshot = cluster_snapshot::from_lists({make_node("n1")}, {labeled("x", "web", "n1")});
  auto pod = make_pod_info(labeled("p", "web", ""));
  inter_pod_affinity_state state(*pod, snapshot);
  CHECK_FALSE(state.active());
  CHECK(state.filter(snapshot.node_at(0)).ok());
}

TEST_CASE("preferred pod (anti-)affinity scores topology domains") {
  auto snapshot = cluster_snapshot::from_lists(
      {zoned("a1", "a"), zoned("b1", "b"), zoned("c1", "c")},
      {labeled("cache", "redis", "a1"), labeled("noisy", "batch", "b1")});
  auto pod = make_pod_info(with_affinity(R"(
    podAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 50
        podAffinityTerm:
          labelSelector: {matchLabels: {app: redis}}
          topologyKey: topology.kubernetes.io/zone
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 20
        podAffinityTerm:
          labelSelector: {matchLabels: {app: batch}}
          topologyKey: topology.kubernetes.io/zone
)"));
  inter_pod_affinity_state state(*pod, snapshot);
  CHECK(state.score(*snapshot.find_node("a1")) == 50);
  CHECK(state.score(*snapshot.find_node("b1")) == -20);
  CHECK(state.score(*snapshot.find_node("c1")) == 0);
}

TEST_CASE("term_selects needs a label selector: none selects nothing, empty selects all") {
  auto pod = labeled("p", "web", "");
  k8s::core::v1::PodAffinityTerm term;
  term.set_topologykey("kubernetes.io/hostname");
  CHECK_FALSE(term_selects(term, "default", pod));
  term.mutable_labelselector();
  CHECK(term_selects(term, "default", pod));
  CHECK_FALSE(term_selects(term, "other", pod));
}

TEST_CASE("anti-affinity finds its pods through every path: matchLabels, expressions, namespaces") {
  auto snapshot = cluster_snapshot::from_lists(
      {zoned("a1", "a"), zoned("b1", "b"), zoned("c1", "c")},
      {labeled("w1", "web", "a1"), labeled("w2", "web", "b1", "shop")});
  SUBCASE("matchLabels, the pod's namespace only") {
    auto pod = make_pod_info(with_affinity(R"(
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: {matchLabels: {app: web}}
        topologyKey: topology.kubernetes.io/zone
)"));
    inter_pod_affinity_state state(*pod, snapshot);
    CHECK(verdict(state, snapshot, "a1") == reason_pod_anti_affinity);
    CHECK(verdict(state, snapshot, "b1") == "ok");
  }
  SUBCASE("matchLabels over a namespace list, named twice") {
    auto pod = make_pod_info(with_affinity(R"(
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: {matchLabels: {app: web}}
        namespaces: [shop, shop]
        topologyKey: topology.kubernetes.io/zone
)"));
    inter_pod_affinity_state state(*pod, snapshot);
    CHECK(verdict(state, snapshot, "a1") == "ok");
    CHECK(verdict(state, snapshot, "b1") == reason_pod_anti_affinity);
  }
  SUBCASE("matchExpressions with an empty namespaceSelector: every namespace") {
    auto pod = make_pod_info(with_affinity(R"(
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}
        namespaceSelector: {}
        topologyKey: topology.kubernetes.io/zone
)"));
    inter_pod_affinity_state state(*pod, snapshot);
    CHECK(verdict(state, snapshot, "a1") == reason_pod_anti_affinity);
    CHECK(verdict(state, snapshot, "b1") == reason_pod_anti_affinity);
    CHECK(verdict(state, snapshot, "c1") == "ok");
  }
}

TEST_CASE("existing pods' anti-affinity is found whether or not their terms have matchLabels") {
  auto existing = [](std::string name, std::string node, std::string_view selector) {
    return from_yaml<k8s::core::v1::Pod>(std::string(R"(
apiVersion: v1
kind: Pod
metadata: {namespace: default, labels: {app: db}, name: )") +
                                         name + R"(}
spec:
  nodeName: )" + node + R"(
  containers: [{name: c, image: host}]
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: topology.kubernetes.io/zone
        labelSelector: )" + std::string(selector) +
                                         "\n");
  };
  auto snapshot = cluster_snapshot::from_lists(
      {zoned("a1", "a"), zoned("b1", "b"), zoned("c1", "c")},
      {existing("px", "a1", "{matchLabels: {app: web}}"),
       existing("py", "b1", "{matchExpressions: [{key: app, operator: Exists}]}"),
       existing("pz", "c1", "{matchLabels: {app: other}}")});
  auto pod = make_pod_info(labeled("incoming", "web", ""));
  inter_pod_affinity_state state(*pod, snapshot);
  CHECK(state.active());
  CHECK(verdict(state, snapshot, "a1") == reason_existing_anti_affinity);
  CHECK(verdict(state, snapshot, "b1") == reason_existing_anti_affinity);
  CHECK(verdict(state, snapshot, "c1") == "ok");
}
