#include "actors/scheduler/scheduler.hpp"

#include <doctest/doctest.h>

#include <signal.h>

#include <fstream>

#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>

#include "actors/leaderelection/leader_elector.hpp"
#include "k8s/core/v1/event.pb.h"
#include "k8s/core/v1/node.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "messages/time.hpp"
#include "tests/support/cluster_fixture.hpp"

using namespace kactor;
using namespace std::chrono_literals;
using k8s::core::v1::Node;
using k8s::core::v1::Pod;
using testing::cluster_fixture;

namespace {

// Acts as a kubelet: registers the Node, then posts its capacity and a Ready condition.
void add_node(cluster_fixture& f, const std::string& name, const std::string& cpu,
              const std::string& pods = "110") {
  Node n;
  n.mutable_metadata()->set_name(name);
  (*n.mutable_metadata()->mutable_labels())["kubernetes.io/hostname"] = name;
  auto created = f.call([&](auto done) { f.client()->create(n, done); });
  REQUIRE_MESSAGE(created.ok(), created.describe());
  Node node = dynamic_cast<Node&>(*created.object);
  auto* status = node.mutable_status();
  for (auto* list : {status->mutable_capacity(), status->mutable_allocatable()}) {
    (*list)["cpu"].set_string(cpu);
    (*list)["memory"].set_string("8Gi");
    (*list)["pods"].set_string(pods);
  }
  auto* c = status->add_conditions();
  c->set_type("Ready");
  c->set_status("True");
  c->set_reason("KubeletReady");
  *c->mutable_lastheartbeattime() = messages::to_time(messages::now());
  *c->mutable_lasttransitiontime() = messages::to_time(messages::now());
  auto r = f.call([&](auto done) { f.client()->update_status(node, done); });
  REQUIRE_MESSAGE(r.ok(), r.describe());
}

void add_pod(cluster_fixture& f, const std::string& name, const std::string& cpu) {
  Pod pod;
  pod.mutable_metadata()->set_name(name);
  pod.mutable_metadata()->set_namespace_("default");
  auto* c = pod.mutable_spec()->add_containers();
  c->set_name("app");
  c->set_image("host");
  (*c->mutable_resources()->mutable_requests())["cpu"].set_string(cpu);
  auto r = f.call([&](auto done) { f.client()->create(pod, done); });
  REQUIRE_MESSAGE(r.ok(), r.describe());
}

std::optional<Pod> get_pod(cluster_fixture& f, const std::string& name) {
  auto r = f.call([&](auto done) { f.client()->get({"", "pods", "default", name}, done); });
  if (!r.ok()) return std::nullopt;
  return dynamic_cast<Pod&>(*r.object);
}

std::string node_of(cluster_fixture& f, const std::string& name) {
  auto pod = get_pod(f, name);
  return pod ? pod->spec().nodename() : "";
}

// The Events about pod `name` with this reason.
std::vector<k8s::core::v1::Event> events_of(cluster_fixture& f, const std::string& name,
                                            const std::string& reason) {
  auto r = f.call([&](auto done) { f.client()->get({"", "events", "default", ""}, done); });
  std::vector<k8s::core::v1::Event> out;
  if (!r.ok()) return out;
  for (const auto& e : dynamic_cast<k8s::core::v1::EventList&>(*r.object).items())
    if (e.involvedobject().name() == name && e.reason() == reason) out.push_back(e);
  return out;
}

scheduler::scheduler_options options_for(cluster_fixture& f) {
  scheduler::scheduler_options o;
  o.nats_url = f.nats_url();
  o.initial_backoff = 100ms;
  o.max_backoff = 1s;
  return o;
}

scheduler::scheduler_stats stats(cluster_fixture& f, const caf::actor& s) {
  caf::scoped_actor self{f.sys};
  scheduler::scheduler_stats out;
  self->request(s, 10s, scheduler::sched_stats_atom::value)
      .receive([&](const scheduler::scheduler_stats& st) { out = st; },
               [&](const caf::error& err) { FAIL("stats: " << f.sys.render(err)); });
  return out;
}

struct running {
  caf::actor actor;
  ~running() { caf::anon_send_exit(actor, caf::exit_reason::user_shutdown); }
};

}  // namespace

TEST_CASE(
    "pods are bound with a Scheduled event; a pod that fits nowhere is explained, then placed "
    "once a bigger node joins") {
  cluster_fixture f;
  add_node(f, "n1", "2");
  add_node(f, "n2", "2");
  auto spawned = scheduler::spawn_scheduler(f.sys, options_for(f), nullptr);
  REQUIRE(spawned);
  running s{*spawned};

  for (int i = 0; i < 4; ++i)
    add_pod(f, "web-" + std::to_string(i), "500m");
  CHECK(cluster_fixture::eventually([&] {
    for (int i = 0; i < 4; ++i)
      if (node_of(f, "web-" + std::to_string(i)).empty()) return false;
    return true;
  }));
  auto placed = node_of(f, "web-0");
  CHECK((placed == "n1" || placed == "n2"));
  CHECK(cluster_fixture::eventually([&] {
    auto events = events_of(f, "web-0", "Scheduled");
    return events.size() == 1 && events[0].type() == "Normal" &&
           events[0].message() == "Successfully assigned default/web-0 to " + placed &&
           events[0].reportingcomponent() == "default-scheduler";
  }));

  // 1 cpu is left on each node.
  add_pod(f, "big", "1500m");
  const std::string why =
      "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No "
      "preemption victims found for incoming pod.";
  CHECK(cluster_fixture::eventually([&] {
    auto events = events_of(f, "big", "FailedScheduling");
    return events.size() == 1 && events[0].type() == "Warning" && events[0].message() == why;
  }));
  CHECK(cluster_fixture::eventually([&] {
    auto pod = get_pod(f, "big");
    if (!pod) return false;
    for (const auto& c : pod->status().conditions())
      if (c.type() == "PodScheduled")
        return c.status() == "False" && c.reason() == "Unschedulable" && c.message() == why &&
               c.has_lasttransitiontime();
    return false;
  }));
  CHECK(node_of(f, "big").empty());
  CHECK(stats(f, s.actor).parked == 1);

  add_node(f, "n3", "4");
  CHECK(cluster_fixture::eventually([&] { return node_of(f, "big") == "n3"; }));
  auto st = stats(f, s.actor);
  CHECK(st.bound == 5);
  CHECK(st.pending == 0);
  CHECK(st.bind_errors == 0);
}

TEST_CASE("assumed pods prevent overcommit in a burst; the rest waits with Too many pods") {
  cluster_fixture f;
  add_node(f, "n1", "8", "10");
  add_node(f, "n2", "8", "10");
  auto spawned = scheduler::spawn_scheduler(f.sys, options_for(f), nullptr);
  REQUIRE(spawned);
  running s{*spawned};
  for (int i = 0; i < 25; ++i)
    add_pod(f, "burst-" + std::to_string(i), "10m");
  CHECK(cluster_fixture::eventually([&] {
    auto st = stats(f, s.actor);
    return st.bound == 20 && st.parked == 5 && st.binds_in_flight == 0;
  }));
  std::map<std::string, int> per_node;
  for (int i = 0; i < 25; ++i)
    ++per_node[node_of(f, "burst-" + std::to_string(i))];
  CHECK(per_node["n1"] == 10);
  CHECK(per_node["n2"] == 10);
  CHECK(per_node[""] == 5);
}

TEST_CASE("a scheduler started without leadership binds nothing until told to lead") {
  cluster_fixture f;
  add_node(f, "n1", "2");
  auto o = options_for(f);
  o.start_leading = false;
  auto spawned = scheduler::spawn_scheduler(f.sys, o, nullptr);
  REQUIRE(spawned);
  running s{*spawned};
  add_pod(f, "waiting", "100m");
  CHECK(cluster_fixture::eventually([&] {
    auto st = stats(f, s.actor);
    return st.synced && st.pending == 1;
  }));
  CHECK(stats(f, s.actor).attempts == 0);
  CHECK(node_of(f, "waiting").empty());
  caf::anon_send(s.actor, leaderelection::leading_atom::value, true);
  CHECK(cluster_fixture::eventually([&] { return node_of(f, "waiting") == "n1"; }));
}

TEST_CASE("bad options are rejected") {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  scheduler::scheduler_options o;
  o.max_in_flight_binds = 0;
  CHECK(!scheduler::spawn_scheduler(sys, o, nullptr));
  o = {};
  o.scheduler_name.clear();
  CHECK(!scheduler::spawn_scheduler(sys, o, nullptr));
  o = {};
  o.max_backoff = 10ms;
  CHECK(!scheduler::spawn_scheduler(sys, o, nullptr));
}

// A measurement, not a check (skipped unless run with --no-skip): how fast a backlog of
// pending pods is bound once the scheduler starts leading.
TEST_CASE("measure: binding a backlog of pods" * doctest::skip()) {
  constexpr int nodes = 50;
  constexpr int pods = 2000;
  cluster_fixture f;
  for (int i = 0; i < nodes; ++i)
    add_node(f, std::string("node-").append(std::to_string(i)), "16");
  auto o = options_for(f);
  o.start_leading = false;
  auto spawned = scheduler::spawn_scheduler(f.sys, o, nullptr);
  REQUIRE(spawned);
  running s{*spawned};
  for (int i = 0; i < pods; ++i)
    add_pod(f, std::string("load-").append(std::to_string(i)), "10m");
  REQUIRE(cluster_fixture::eventually([&] { return stats(f, s.actor).pending == pods; }, 120s));
  auto start = std::chrono::steady_clock::now();
  caf::anon_send(s.actor, leaderelection::leading_atom::value, true);
  REQUIRE(cluster_fixture::eventually([&] { return stats(f, s.actor).bound == pods; }, 120s));
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  MESSAGE(pods << " pods on " << nodes << " nodes bound in " << ms << " ms ("
               << pods * 1000 / std::max<long>(ms, 1) << " pods/s)");
}

TEST_CASE("scheduling goes on after the bus restarts") {
  cluster_fixture f;
  add_node(f, "n1", "2");
  auto spawned = scheduler::spawn_scheduler(f.sys, options_for(f), nullptr);
  REQUIRE(spawned);
  running s{*spawned};
  add_pod(f, "before", "100m");
  REQUIRE(cluster_fixture::eventually([&] { return node_of(f, "before") == "n1"; }));

  // kactor up supervises its nats-server and restarts it on the same port.
  std::ifstream pid_file(f.data_dir() / "data" / "nats.pid");
  pid_t nats_pid = 0;
  pid_file >> nats_pid;
  REQUIRE(nats_pid > 0);
  REQUIRE(::kill(nats_pid, SIGKILL) == 0);
  // Created once the bus is back (the fixture's client retries until a gateway answers).
  CHECK(cluster_fixture::eventually(
      [&] {
        Pod pod;
        pod.mutable_metadata()->set_name("after");
        pod.mutable_metadata()->set_namespace_("default");
        auto* c = pod.mutable_spec()->add_containers();
        c->set_name("app");
        c->set_image("host");
        auto r = f.call([&](auto done) { f.client()->create(pod, done); }, 2s);
        return r.ok() || r.already_exists();
      },
      60s));
  CHECK(cluster_fixture::eventually([&] { return node_of(f, "after") == "n1"; }, 60s));
}
