#include "actors/scheduler/cluster_snapshot.hpp"

#include <doctest/doctest.h>

#include "actors/scheduler/scheduler_testing.hpp"

using namespace kactor::scheduler;
using testing::make_node;
using testing::make_pod;

namespace {

constexpr std::int64_t mi = 1024 * 1024;

}  // namespace

TEST_CASE("a snapshot from lists sums the requests of each node's pods") {
  auto snapshot = cluster_snapshot::from_lists(
      {make_node("a"), make_node("b")},
      {make_pod("p1", "500m", "1Gi", "a"), make_pod("p2", "250m", "", "a"),
       make_pod("p3", "1", "1Gi", "b"), make_pod("pending", "1", "1Gi")});
  REQUIRE(snapshot.node_count() == 2);
  CHECK(snapshot.node_at(0).name() == "a");
  const auto* a = snapshot.find_node("a");
  REQUIRE(a != nullptr);
  CHECK(a->pods().size() == 2);
  CHECK(a->requested().milli_cpu == 750);
  CHECK(a->requested().memory == 1024 * mi);
  CHECK(a->non_zero_memory() == (1024 + 200) * mi);  // p2 counts the 200Mi default
  CHECK(a->allocatable().milli_cpu == 4000);
  CHECK(snapshot.find_pod("default", "pending") == nullptr);  // unassigned pods are not counted
  CHECK(snapshot.find_pod("default", "p3") != nullptr);
}

TEST_CASE("pods are added, moved, finished and removed incrementally") {
  cluster_snapshot snapshot;
  snapshot.upsert_node(make_node("a"));
  snapshot.upsert_node(make_node("b"));
  auto g0 = snapshot.generation();
  snapshot.upsert_pod(make_pod("p", "1", "1Gi", "a"));
  CHECK(snapshot.generation() > g0);
  CHECK(snapshot.find_node("a")->requested().milli_cpu == 1000);

  SUBCASE("an update replaces the earlier version, on whichever node") {
    snapshot.upsert_pod(make_pod("p", "2", "1Gi", "b"));
    CHECK(snapshot.find_node("a")->requested().milli_cpu == 0);
    CHECK(snapshot.find_node("a")->pods().empty());
    CHECK(snapshot.find_node("b")->requested().milli_cpu == 2000);
  }
  SUBCASE("a pod that finished releases its requests") {
    auto done = make_pod("p", "1", "1Gi", "a");
    done.mutable_status()->set_phase("Succeeded");
    snapshot.upsert_pod(done);
    CHECK(snapshot.find_node("a")->requested().milli_cpu == 0);
    CHECK(snapshot.find_pod("default", "p") == nullptr);
  }
  SUBCASE("a removed pod releases its requests; unknown pods are ignored") {
    snapshot.remove_pod("default", "p");
    snapshot.remove_pod("default", "never-seen");
    CHECK(snapshot.find_node("a")->requested() == resource_amounts{});
  }
}

TEST_CASE("pods may arrive before their node, and outlive it") {
  cluster_snapshot snapshot;
  snapshot.upsert_pod(make_pod("early", "1", "", "late-node"));
  CHECK(snapshot.node_count() == 0);  // not a candidate without a Node object
  REQUIRE(snapshot.find_node("late-node") != nullptr);
  snapshot.upsert_node(make_node("late-node"));
  REQUIRE(snapshot.node_count() == 1);
  CHECK(snapshot.node_at(0).requested().milli_cpu == 1000);

  snapshot.remove_node("late-node");
  CHECK(snapshot.node_count() == 0);
  CHECK(snapshot.find_node("late-node") != nullptr);  // still holds its pod
  snapshot.remove_pod("default", "early");
  CHECK(snapshot.find_node("late-node") == nullptr);
}

TEST_CASE("a node update replaces allocatable and keeps the pods") {
  cluster_snapshot snapshot;
  snapshot.upsert_node(make_node("a", "2"));
  snapshot.upsert_pod(make_pod("p", "1", "", "a"));
  snapshot.upsert_node(make_node("a", "8"));
  CHECK(snapshot.node_count() == 1);
  CHECK(snapshot.node_at(0).allocatable().milli_cpu == 8000);
  CHECK(snapshot.node_at(0).pods().size() == 1);
}

TEST_CASE("host ports are tracked per pod and released with it") {
  cluster_snapshot snapshot;
  snapshot.upsert_node(make_node("a"));
  auto pod = make_pod("web", "", "", "a");
  auto* port = pod.mutable_spec()->mutable_containers(0)->add_ports();
  port->set_containerport(80);
  port->set_hostport(8080);
  snapshot.upsert_pod(pod);
  REQUIRE(snapshot.node_at(0).used_ports().size() == 1);
  CHECK(snapshot.node_at(0).used_ports()[0] == host_port{"0.0.0.0", "TCP", 8080});
  snapshot.remove_pod("default", "web");
  CHECK(snapshot.node_at(0).used_ports().empty());
}

TEST_CASE("nodes keep their insertion order when one is removed") {
  cluster_snapshot snapshot;
  for (auto name : {"a", "b", "c"})
    snapshot.upsert_node(make_node(name));
  snapshot.remove_node("b");
  REQUIRE(snapshot.node_count() == 2);
  CHECK(snapshot.node_at(0).name() == "a");
  CHECK(snapshot.node_at(1).name() == "c");
  snapshot.remove_node("nope");
  CHECK(snapshot.node_count() == 2);
}

TEST_CASE("pods with pod (anti-)affinity terms are indexed per node and cluster-wide") {
  cluster_snapshot snapshot;
  snapshot.upsert_node(make_node("a"));
  auto guard = make_pod("guard", "", "", "a");
  auto* term = guard.mutable_spec()
                   ->mutable_affinity()
                   ->mutable_podantiaffinity()
                   ->add_requiredduringschedulingignoredduringexecution();
  term->set_topologykey("kubernetes.io/hostname");
  snapshot.upsert_pod(guard);
  snapshot.upsert_pod(make_pod("plain", "", "", "a"));
  CHECK(snapshot.pods_with_required_anti_affinity() == 1);
  CHECK(snapshot.pods_with_pod_affinity() == 1);
  REQUIRE(snapshot.node_at(0).pods_with_affinity().size() == 1);
  CHECK(snapshot.node_at(0).pods_with_affinity()[0]->name() == "guard");
  CHECK(snapshot.node_at(0).pods_with_required_anti_affinity() == 1);
  snapshot.remove_pod("default", "guard");
  CHECK(snapshot.pods_with_required_anti_affinity() == 0);
  CHECK(snapshot.pods_with_pod_affinity() == 0);
  CHECK(snapshot.node_at(0).pods_with_affinity().empty());
  CHECK(snapshot.node_at(0).pods().size() == 1);
}
