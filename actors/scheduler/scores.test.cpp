#include "actors/scheduler/scores.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "actors/scheduler/scheduler_testing.hpp"

using namespace kactor::scheduler;
using testing::add_taint;
using testing::from_yaml;
using testing::make_node;
using testing::make_pod;

TEST_CASE("LeastAllocated: the free share of cpu and memory after placing the pod") {
  auto snapshot =
      cluster_snapshot::from_lists({make_node("a", "4", "8Gi")}, {make_pod("x", "1", "2Gi", "a")});
  const auto& node = snapshot.node_at(0);
  // cpu (4000 - 2000) * 100 / 4000 = 50; memory (8 - 4) * 100 / 8 = 50.
  CHECK(score_least_allocated(*make_pod_info(make_pod("p", "1", "2Gi")), node) == 50);
  // cpu (4000 - 1500) * 100 / 4000 = 62 (truncated); memory 8Gi - 2Gi - 200Mi default -> 72.
  CHECK(score_least_allocated(*make_pod_info(make_pod("p", "500m")), node) == (62 + 72) / 2);
  // A pod bigger than the node scores 0 on that resource.
  CHECK(score_least_allocated(*make_pod_info(make_pod("p", "5", "2Gi")), node) == (0 + 50) / 2);
  // An empty node scores higher than a loaded one.
  auto empty = cluster_snapshot::from_lists({make_node("b", "4", "8Gi")}, {});
  auto pod = make_pod_info(make_pod("p", "1", "2Gi"));
  CHECK(score_least_allocated(*pod, empty.node_at(0)) > score_least_allocated(*pod, node));
}

TEST_CASE("BalancedAllocation: 100 when cpu and memory are used in equal shares") {
  auto snapshot = cluster_snapshot::from_lists({make_node("a", "4", "8Gi")}, {});
  const auto& node = snapshot.node_at(0);
  CHECK(score_balanced_allocation(*make_pod_info(make_pod("p", "2", "4Gi")), node) == 100);
  // cpu 1/4, memory 3/4: (1 - |0.25 - 0.75| / 2) * 100 = 75.
  CHECK(score_balanced_allocation(*make_pod_info(make_pod("p", "1", "6Gi")), node) == 75);
  // Over-requested resources count as fully used: cpu 1 (capped), memory 0 -> 50.
  CHECK(score_balanced_allocation(*make_pod_info(make_pod("p", "8")), node) == 50);
}

TEST_CASE("NodeAffinity score sums the weights of matching preferred terms") {
  auto node = make_node("a");
  (*node.mutable_metadata()->mutable_labels())["zone"] = "z1";
  (*node.mutable_metadata()->mutable_labels())["disk"] = "ssd";
  auto snapshot = cluster_snapshot::from_lists({node}, {});
  auto pod = from_yaml<k8s::core::v1::Pod>(R"(
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: host}]
  affinity:
    nodeAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 10
        preference: {matchExpressions: [{key: zone, operator: In, values: [z1]}]}
      - weight: 5
        preference: {matchExpressions: [{key: disk, operator: In, values: [ssd]}]}
      - weight: 80
        preference: {matchExpressions: [{key: zone, operator: In, values: [z2]}]}
)");
  CHECK(score_node_affinity(*make_pod_info(pod), snapshot.node_at(0)) == 15);
}

TEST_CASE("TaintToleration score counts untolerated PreferNoSchedule taints") {
  auto node = make_node("a");
  add_taint(node, "a", "1", "PreferNoSchedule");
  add_taint(node, "b", "2", "PreferNoSchedule");
  add_taint(node, "c", "3", "NoSchedule");  // the filter's business, not the score's
  auto snapshot = cluster_snapshot::from_lists({node}, {});
  auto pod = make_pod("p");
  CHECK(score_taint_toleration(*make_pod_info(pod), snapshot.node_at(0)) == 2);
  auto* t = pod.mutable_spec()->add_tolerations();
  t->set_key("a");
  t->set_operator_("Exists");
  CHECK(score_taint_toleration(*make_pod_info(pod), snapshot.node_at(0)) == 1);
  t->set_effect("NoSchedule");  // a toleration for another effect does not count
  CHECK(score_taint_toleration(*make_pod_info(pod), snapshot.node_at(0)) == 2);
}

TEST_CASE("normalization scales to 100, optionally reversed") {
  std::vector<std::int64_t> s{0, 5, 10};
  normalize_scores(s, false);
  CHECK(s == std::vector<std::int64_t>{0, 50, 100});
  s = {0, 1, 3};
  normalize_scores(s, true);
  CHECK(s == std::vector<std::int64_t>{100, 67, 0});
  s = {0, 0};
  normalize_scores(s, true);
  CHECK(s == std::vector<std::int64_t>{100, 100});
  s = {0, 0};
  normalize_scores(s, false);
  CHECK(s == std::vector<std::int64_t>{0, 0});
  s = {-10, 0, 10};
  normalize_min_max(s);
  CHECK(s == std::vector<std::int64_t>{0, 50, 100});
  s = {7, 7};
  normalize_min_max(s);
  CHECK(s == std::vector<std::int64_t>{0, 0});
}
