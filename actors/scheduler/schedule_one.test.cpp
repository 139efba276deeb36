#include "actors/scheduler/schedule_one.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "actors/scheduler/scheduler_testing.hpp"
#include "k8s/apps/v1/deployment.pb.h"

using namespace kactor::scheduler;
using testing::add_taint;
using testing::make_node;
using testing::make_pod;

namespace {

// prefix + i (append, not operator+: GCC 12 warns falsely on that inlined concatenation).
std::string numbered(std::string prefix, int i) {
  return prefix.append(std::to_string(i));
}

std::string node_of(const schedule_result& r) {
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
  return r->node_name;
}

std::string failure_of(const schedule_result& r) {
  REQUIRE_FALSE(r.has_value());
  return r.error().message;
}

k8s::core::v1::Node tainted(std::string name, std::string key) {
  auto node = make_node(name);
  add_taint(node, key, "", "NoSchedule");
  return node;
}

// A pod of the web Deployment of the shared fixtures (nodeSelector, tolerations, required and
// preferred node affinity, preferred pod anti-affinity, an init container, requests).
k8s::core::v1::Pod web_fixture_pod(std::string name) {
  const char* source = std::getenv("KACTOR_SOURCE_DIR");
  REQUIRE_MESSAGE(source != nullptr, "KACTOR_SOURCE_DIR is not set");
  auto path = std::filesystem::path(source) / ".." / "shared" / "fixtures" / "manifests" /
              "deployment-web.yaml";
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), path.string());
  std::stringstream text;
  text << in.rdbuf();
  auto deployment = testing::from_yaml<k8s::apps::v1::Deployment>(text.str());
  k8s::core::v1::Pod pod;
  *pod.mutable_metadata() = deployment.spec().template_().metadata();
  *pod.mutable_spec() = deployment.spec().template_().spec();
  pod.mutable_metadata()->set_name(name);
  pod.mutable_metadata()->set_namespace_("shop");
  return pod;
}

k8s::core::v1::Node labeled_node(std::string name, std::string arch,
                                 std::vector<std::pair<std::string, std::string>> extra = {}) {
  auto node = make_node(name);
  auto& labels = *node.mutable_metadata()->mutable_labels();
  labels["kubernetes.io/os"] = "linux";
  labels["kubernetes.io/arch"] = arch;
  for (auto& [k, v] : extra)
    labels[k] = v;
  return node;
}

}  // namespace

TEST_CASE("the kube-scheduler message: reasons counted per node, sorted as text") {
  auto snapshot = cluster_snapshot::from_lists(
      {make_node("a", "1"), make_node("b", "1"), tainted("c", "node.kubernetes.io/not-ready")},
      {make_pod("x", "800m", "", "a"), make_pod("y", "800m", "", "b")});
  schedule_state state;
  auto r = schedule_one(make_pod("p", "500m"), snapshot, scheduler_config{}, state);
  CHECK(failure_of(r) ==
        "0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: "
        "}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful "
        "for scheduling, 2 No preemption victims found for incoming pod.");
  CHECK(r.error().resolvable_nodes == 2);
  REQUIRE(r.error().reasons.size() == 2);
  CHECK(r.error().reasons[1] == std::pair<std::string, std::size_t>{"Insufficient cpu", 2});
}

TEST_CASE("counts sort as text: 10 comes before 2") {
  std::vector<k8s::core::v1::Node> nodes;
  for (int i = 0; i < 10; ++i)
    nodes.push_back(make_node(numbered("small-", i), "1"));
  nodes.push_back(tainted("t1", "dedicated"));
  nodes.push_back(tainted("t2", "dedicated"));
  auto snapshot = cluster_snapshot::from_lists(nodes, {});
  schedule_state state;
  CHECK(failure_of(schedule_one(make_pod("p", "2"), snapshot, scheduler_config{}, state)) ==
        "0/12 nodes are available: 10 Insufficient cpu, 2 node(s) had untolerated taint "
        "{dedicated: }. preemption: 0/12 nodes are available: 12 Preemption is not helpful for "
        "scheduling.");
}

TEST_CASE("every resource a node lacks is counted; a node reports only its first failing filter") {
  auto cordoned = make_node("cordoned", "1", "1Gi");
  cordoned.mutable_spec()->set_unschedulable(true);
  auto snapshot = cluster_snapshot::from_lists(
      {make_node("a", "1", "1Gi"), make_node("b", "1", "1Gi"), cordoned}, {});
  schedule_state state;
  CHECK(
      failure_of(schedule_one(make_pod("big", "2", "2Gi"), snapshot, scheduler_config{}, state)) ==
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu, 2 "
      "Insufficient memory. preemption: 0/3 nodes are available: 3 Preemption is not helpful "
      "for scheduling.");
}

TEST_CASE("no nodes, and pods that may not preempt") {
  cluster_snapshot empty;
  schedule_state state;
  CHECK(failure_of(schedule_one(make_pod("p"), empty, scheduler_config{}, state)) ==
        "no nodes available to schedule pods");
  auto snapshot = cluster_snapshot::from_lists({make_node("a", "1")}, {});
  auto pod = make_pod("p", "500m");
  pod.mutable_spec()->set_nodename("elsewhere");
  pod.mutable_spec()->set_preemptionpolicy("Never");
  CHECK(failure_of(schedule_one(pod, snapshot, scheduler_config{}, state)) ==
        "0/1 nodes are available: 1 node(s) didn't match the requested node name. preemption: not "
        "eligible due to preemptionPolicy=Never.");
}

TEST_CASE("the least allocated node wins; equal nodes share the load") {
  auto snapshot =
      cluster_snapshot::from_lists({make_node("busy"), make_node("idle"), make_node("idle-too")},
                                   {make_pod("x", "3", "6Gi", "busy")});
  schedule_state state;
  std::set<std::string> chosen;
  for (int i = 0; i < 20; ++i) {
    auto r = schedule_one(make_pod("p", "500m", "1Gi"), snapshot, scheduler_config{}, state);
    auto node = node_of(r);
    CHECK(node != "busy");
    CHECK(r->feasible == 3);
    chosen.insert(node);
  }
  CHECK(chosen.size() == 2);  // ties are broken at random, not always the first
}

TEST_CASE("a single feasible node is taken without scoring") {
  auto snapshot = cluster_snapshot::from_lists({make_node("a", "1"), make_node("b", "8")}, {});
  schedule_state state;
  auto r = schedule_one(make_pod("p", "2"), snapshot, scheduler_config{}, state);
  CHECK(node_of(r) == "b");
  CHECK(r->feasible == 1);
  CHECK(r->evaluated == 2);
}

TEST_CASE("PreferNoSchedule taints steer pods away unless tolerated") {
  auto soft = make_node("soft");
  add_taint(soft, "spot", "true", "PreferNoSchedule");
  auto snapshot = cluster_snapshot::from_lists({soft, make_node("plain")},
                                               {make_pod("x", "2", "4Gi", "plain")});
  schedule_state state;
  // Without the taint "soft" would win on LeastAllocated; TaintToleration weighs 3.
  CHECK(node_of(schedule_one(make_pod("p", "100m"), snapshot, scheduler_config{}, state)) ==
        "plain");
  auto tolerant = make_pod("q", "100m");
  auto* t = tolerant.mutable_spec()->add_tolerations();
  t->set_key("spot");
  t->set_operator_("Exists");
  CHECK(node_of(schedule_one(tolerant, snapshot, scheduler_config{}, state)) == "soft");
}

TEST_CASE("the web Deployment of the fixtures: affinity, tolerations, spreading") {
  auto dedicated = labeled_node("node-1", "amd64");
  add_taint(dedicated, "dedicated", "web", "NoSchedule");  // tolerated by the template
  auto snapshot = cluster_snapshot::from_lists(
      {dedicated, labeled_node("node-2", "arm64", {{"disktype", "ssd"}}),
       labeled_node("node-3", "s390x"), make_node("no-os-label")},
      {});
  schedule_state state;
  scheduler_config config;
  auto first = web_fixture_pod("web-1");
  auto r = schedule_one(first, snapshot, config, state);
  CHECK(node_of(r) == "node-2");  // preferred disktype=ssd
  CHECK(r->feasible == 2);

  first.mutable_spec()->set_nodename(r->node_name);  // assume it, as the scheduler actor will
  snapshot.upsert_pod(first);
  // The second replica avoids the first (preferred anti-affinity on the hostname).
  CHECK(node_of(schedule_one(web_fixture_pod("web-2"), snapshot, config, state)) == "node-1");

  snapshot.remove_node("node-1");
  snapshot.remove_node("node-2");
  CHECK(failure_of(schedule_one(web_fixture_pod("web-3"), snapshot, config, state)) ==
        "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. "
        "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
}

TEST_CASE("only part of a big cluster is searched, from a rotating start") {
  CHECK(feasible_nodes_to_find(0, 50) == 50);
  CHECK(feasible_nodes_to_find(0, 500) == 230);    // 50 - 500/125 = 46%
  CHECK(feasible_nodes_to_find(0, 5000) == 500);   // 50 - 40 = 10%
  CHECK(feasible_nodes_to_find(0, 10000) == 500);  // 50 - 80 < 5: 5%
  CHECK(feasible_nodes_to_find(0, 150) == 100);    // at least 100
  CHECK(feasible_nodes_to_find(30, 1000) == 300);
  CHECK(feasible_nodes_to_find(100, 1000) == 1000);

  std::vector<k8s::core::v1::Node> nodes;
  for (int i = 0; i < 500; ++i)
    nodes.push_back(make_node(numbered("n", i)));
  auto snapshot = cluster_snapshot::from_lists(nodes, {});
  schedule_state state;
  auto r = schedule_one(make_pod("p", "100m"), snapshot, scheduler_config{}, state);
  REQUIRE(r.has_value());
  CHECK(r->evaluated == 230);
  CHECK(r->feasible == 230);
  CHECK(state.next_start_index == 230);
  r = schedule_one(make_pod("q", "100m"), snapshot, scheduler_config{}, state);
  REQUIRE(r.has_value());
  CHECK(state.next_start_index == 460);

  scheduler_config half;
  half.percentage_of_nodes_to_score = 50;
  r = schedule_one(make_pod("r", "100m"), snapshot, half, state);
  REQUIRE(r.has_value());
  CHECK(r->evaluated == 250);
  CHECK(state.next_start_index == (460 + 250) % 500);
}

TEST_CASE("the configured plugin set is what runs") {
  auto snapshot =
      cluster_snapshot::from_lists({tainted("t", "dedicated"), make_node("small", "1")}, {});
  schedule_state state;
  auto config = parse_scheduler_config("plugins: {filter: [NodeResourcesFit]}");
  REQUIRE(config.has_value());
  // The taint filter is off, so only the cpu check decides.
  CHECK(node_of(schedule_one(make_pod("p", "2"), snapshot, *config, state)) == "t");
}
