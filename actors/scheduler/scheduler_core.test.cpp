#include "actors/scheduler/scheduler_core.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "actors/scheduler/scheduler_testing.hpp"

using namespace kactor::scheduler;
using namespace std::chrono_literals;
using k8s::core::v1::Pod;
using kactor::scheduler::testing::from_yaml;
using kactor::scheduler::testing::make_node;
using kactor::scheduler::testing::make_pod;

namespace {

const scheduler_core::time_point t0{std::chrono::seconds(1000)};

// A core whose effects are recorded.
struct recorded {
  struct event {
    std::string pod, type, reason, message;
  };
  std::vector<std::pair<std::string, std::string>> binds;  // pod name, node
  std::vector<event> events;
  std::vector<std::pair<std::string, std::string>> patches;  // pod name, body
  scheduler_core core;

  explicit recorded(core_options o = {})
      : core(std::move(o), core_effects{
                               [this](const Pod& p, const std::string& node) {
                                 binds.emplace_back(p.metadata().name(), node);
                               },
                               [this](const Pod& p, std::string_view type, std::string_view reason,
                                      std::string message) {
                                 events.push_back({p.metadata().name(), std::string(type),
                                                   std::string(reason), std::move(message)});
                               },
                               [this](const Pod& p, std::string body) {
                                 patches.emplace_back(p.metadata().name(), std::move(body));
                               },
                           }) {}

  std::int64_t requested_cpu(const std::string& node) {
    const auto* n = core.snapshot().find_node(node);
    return n ? n->requested().milli_cpu : -1;
  }
};

}  // namespace

TEST_CASE("an assumed pod counts on its node at once, so the next pod does not overcommit") {
  recorded r;
  auto node = make_node("n1", "1");
  r.core.node_changed(nullptr, node, t0);
  r.core.pod_changed(nullptr, make_pod("a", "600m"), t0);
  r.core.pod_changed(nullptr, make_pod("b", "600m"), t0);
  CHECK(r.core.has_work());
  CHECK(r.core.run(100, t0) == 2);
  REQUIRE(r.binds.size() == 1);
  CHECK(r.binds[0] == std::pair<std::string, std::string>{"a", "n1"});
  CHECK(r.core.assumed("default/a"));
  CHECK(r.requested_cpu("n1") == 600);
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].pod == "b");
  CHECK(r.events[0].type == "Warning");
  CHECK(r.events[0].reason == "FailedScheduling");
  CHECK(r.events[0].message ==
        "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No "
        "preemption victims found for incoming pod.");
  REQUIRE(r.patches.size() == 1);
  CHECK(r.patches[0].second.find("\"reason\":\"Unschedulable\"") != std::string::npos);
  CHECK(r.core.queue().place("default/b") == queue_place::unschedulable);
  CHECK(r.core.binds_in_flight() == 1);
  CHECK(r.core.stats().unschedulable == 1);
}

TEST_CASE("a successful bind records Scheduled; the bound object then replaces the assumption") {
  recorded r;
  r.core.node_changed(nullptr, make_node("n1", "1"), t0);
  auto pod = make_pod("a", "600m");
  r.core.pod_changed(nullptr, pod, t0);
  r.core.run(10, t0);
  r.core.bind_finished("default/a", true, "", t0);
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].reason == "Scheduled");
  CHECK(r.events[0].type == "Normal");
  CHECK(r.events[0].message == "Successfully assigned default/a to n1");
  CHECK(r.core.queue().size() == 0);
  CHECK(r.core.binds_in_flight() == 0);

  // A late unbound version (e.g. a status write) must neither queue it nor free the node.
  r.core.pod_changed(&pod, pod, t0);
  CHECK(r.core.queue().size() == 0);
  CHECK(r.requested_cpu("n1") == 600);

  auto bound = pod;
  bound.mutable_spec()->set_nodename("n1");
  r.core.pod_changed(&pod, bound, t0);
  CHECK(!r.core.assumed("default/a"));
  CHECK(r.requested_cpu("n1") == 600);

  auto done = bound;
  done.mutable_status()->set_phase("Succeeded");
  r.core.pod_changed(&bound, done, t0);
  CHECK(r.requested_cpu("n1") == 0);
}

TEST_CASE("a failed bind forgets the assumption and backs the pod off") {
  recorded r;
  r.core.node_changed(nullptr, make_node("n1", "1"), t0);
  r.core.pod_changed(nullptr, make_pod("a", "600m"), t0);
  r.core.run(10, t0);
  REQUIRE(r.requested_cpu("n1") == 600);
  r.core.bind_finished("default/a", false, "pods \"a\" not found", t0);
  CHECK(r.requested_cpu("n1") == 0);
  CHECK(!r.core.assumed("default/a"));
  CHECK(r.core.queue().place("default/a") == queue_place::backoff);
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].message == "Binding rejected: pods \"a\" not found");
  r.core.flush(t0 + 1s);
  CHECK(r.core.has_work());
  r.core.bind_finished("default/a", true, "", t0);  // not in flight any more: ignored
  CHECK(r.core.stats().bound == 0);
}

TEST_CASE("a new node or a freed node retries parked pods; heartbeats do not") {
  recorded r;
  auto n1 = make_node("n1", "1");
  r.core.node_changed(nullptr, n1, t0);
  auto running = make_pod("running", "800m", "", "n1");
  r.core.pod_changed(nullptr, running, t0);
  r.core.pod_changed(nullptr, make_pod("big", "500m"), t0);
  r.core.run(10, t0);
  REQUIRE(r.core.queue().place("default/big") == queue_place::unschedulable);

  auto heartbeat = n1;
  auto* c = heartbeat.mutable_status()->add_conditions();
  c->set_type("Ready");
  c->set_status("True");
  r.core.node_changed(&n1, heartbeat, t0 + 5s);
  CHECK(r.core.queue().place("default/big") == queue_place::unschedulable);

  r.core.pod_deleted(running, t0 + 5s);
  CHECK(r.core.queue().place("default/big") == queue_place::active);
  CHECK(r.requested_cpu("n1") == 0);
  r.core.run(10, t0 + 5s);
  REQUIRE(r.binds.size() == 1);
  CHECK(r.binds[0].first == "big");
}

TEST_CASE("only unassigned pods of this scheduler that are not being deleted are queued") {
  recorded r;
  auto other = make_pod("other", "1");
  other.mutable_spec()->set_schedulername("my-scheduler");
  auto named = make_pod("named", "1");
  named.mutable_spec()->set_schedulername("default-scheduler");
  auto deleting = make_pod("deleting", "1");
  deleting.mutable_metadata()->mutable_deletiontimestamp()->set_seconds(1);
  auto bound = make_pod("bound", "1", "", "n1");
  auto gated = make_pod("gated", "1");
  gated.mutable_spec()->add_schedulinggates()->set_name("example.com/quota");
  for (const auto* p : {&other, &named, &deleting, &bound, &gated})
    r.core.pod_changed(nullptr, *p, t0);
  CHECK(r.core.queue().size() == 1);
  auto ungated = gated;
  ungated.mutable_spec()->clear_schedulinggates();
  r.core.pod_changed(&gated, ungated, t0);
  CHECK(r.core.queue().place("default/gated") == queue_place::active);
  r.core.pod_changed(&ungated, gated, t0);
  CHECK(!r.core.queue().place("default/gated"));
  CHECK(r.core.queue().place("default/named"));
  auto renamed = named;
  renamed.mutable_metadata()->mutable_deletiontimestamp()->set_seconds(1);
  r.core.pod_changed(&named, renamed, t0);  // a pod that starts terminating leaves the queue
  CHECK(r.core.queue().size() == 0);
}

TEST_CASE("no more binds in flight than the limit") {
  core_options o;
  o.max_in_flight_binds = 3;
  recorded r(o);
  r.core.node_changed(nullptr, make_node("n1", "100"), t0);
  for (int i = 0; i < 10; ++i)
    r.core.pod_changed(nullptr, make_pod(std::string("p").append(std::to_string(i)), "100m"), t0);
  CHECK(r.core.run(100, t0) == 3);
  CHECK(!r.core.has_work());
  r.core.bind_finished("default/p0", true, "", t0);
  CHECK(r.core.has_work());
  CHECK(r.core.run(100, t0) == 1);
  CHECK(r.binds.size() == 4);
}

TEST_CASE("a parked pod with required pod affinity is retried when a pod gets placed") {
  recorded r;
  r.core.node_changed(nullptr, make_node("n1"), t0);
  auto follower = from_yaml<Pod>(R"(
apiVersion: v1
kind: Pod
metadata: {name: follower, namespace: default}
spec:
  containers: [{name: app, image: host}]
  affinity:
    podAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: {matchLabels: {app: cache}}
        topologyKey: kubernetes.io/hostname
)");
  auto plain = make_pod("plain", "100m");  // host port 80 is taken on the only node
  auto* port = plain.mutable_spec()->mutable_containers(0)->add_ports();
  port->set_containerport(80);
  port->set_hostport(80);
  auto holder = make_pod("holder", "", "", "n1");
  *holder.mutable_spec()->mutable_containers(0)->add_ports() = *port;
  r.core.pod_changed(nullptr, holder, t0);
  r.core.pod_changed(nullptr, follower, t0);
  r.core.pod_changed(nullptr, plain, t0);
  r.core.run(10, t0);
  REQUIRE(r.core.queue().place("default/follower") == queue_place::unschedulable);
  REQUIRE(r.core.queue().place("default/plain") == queue_place::unschedulable);

  auto cache = make_pod("cache", "", "", "n1");
  (*cache.mutable_metadata()->mutable_labels())["app"] = "cache";
  r.core.pod_changed(nullptr, cache, t0 + 5s);
  CHECK(r.core.queue().place("default/follower") == queue_place::active);
  CHECK(r.core.queue().place("default/plain") == queue_place::unschedulable);
}
