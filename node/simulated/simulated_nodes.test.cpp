#include "node/simulated/simulated_nodes.hpp"

#include <doctest/doctest.h>

#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>

#include "actors/controllers/controller_manager.hpp"
#include "k8s/coordination/v1/lease.pb.h"
#include "k8s/core/v1/node.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "tests/support/cluster_fixture.hpp"

using namespace kactor;
using namespace std::chrono_literals;
using k8s::core::v1::Node;
using k8s::core::v1::Pod;
using testing::cluster_fixture;

namespace {

void stop(caf::actor_system& sys, const caf::actor& a) {
  caf::scoped_actor self{sys};
  self->monitor(a);
  caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  self->receive([](caf::down_msg&) {}, caf::after(10s) >> [] {});
}

struct sim_cluster {
  cluster_fixture f;
  std::shared_ptr<apiclient::api_client> client = f.client();

  apiclient::api_reply get(const std::string& resource, const std::string& ns,
                           const std::string& name) {
    auto group = resource == "leases" ? std::string("coordination.k8s.io") : std::string();
    return f.call([&](auto done) { client->get({group, resource, ns, name}, done); });
  }
  std::optional<Pod> pod(const std::string& name) {
    auto r = get("pods", "default", name);
    if (!r.ok()) return std::nullopt;
    return dynamic_cast<Pod&>(*r.object);
  }
  std::int64_t lease_renewed(const std::string& node) {
    auto r = get("leases", "kube-node-lease", node);
    if (!r.ok()) return -1;
    const auto& t = dynamic_cast<k8s::coordination::v1::Lease&>(*r.object).spec().renewtime();
    return t.seconds() * 1'000'000 + t.nanos() / 1000;
  }
  void annotate_node(const std::string& node, const std::string& value) {
    auto body = value.empty()
                    ? std::string(R"({"metadata":{"annotations":{"sim.kactor.io/down":null}}})")
                    : R"({"metadata":{"annotations":{"sim.kactor.io/down":")" + value + R"("}}})";
    auto r = f.call([&](auto done) {
      client->patch({"", "nodes", "", node}, "application/merge-patch+json", body, done);
    });
    REQUIRE(r.ok());
  }
};

// A pod bound straight to `node` (no scheduler here), tolerating the simulated taint and, for
// one second, an unreachable node.
Pod bound_pod(const std::string& name, const std::string& node) {
  Pod pod;
  pod.mutable_metadata()->set_name(name);
  pod.mutable_metadata()->set_namespace_("default");
  pod.mutable_spec()->set_nodename(node);
  auto* c = pod.mutable_spec()->add_containers();
  c->set_name("main");
  c->set_image("registry.k8s.io/pause:3.10");
  auto* t = pod.mutable_spec()->add_tolerations();
  t->set_key("kactor.io/simulated");
  t->set_operator_("Exists");
  for (const char* key : {"node.kubernetes.io/unreachable", "node.kubernetes.io/not-ready"}) {
    auto* u = pod.mutable_spec()->add_tolerations();
    u->set_key(key);
    u->set_operator_("Exists");
    u->set_effect("NoExecute");
    u->set_tolerationseconds(1);
  }
  return pod;
}

node::simulated::simulated_nodes_options small(const std::string& url) {
  node::simulated::simulated_nodes_options o;
  o.nats_url = url;
  o.count = 2;
  o.lease_renew_interval = 300ms;
  o.lease_duration_seconds = 2;
  o.pod_start_delay = 200ms;
  o.crash_backoff_initial = 1s;
  return o;
}

}  // namespace

TEST_CASE("simulated nodes: register, renew leases, run pods, restart and delete them") {
  sim_cluster c;
  auto sim = node::simulated::spawn_simulated_nodes(c.f.sys, small(c.f.nats_url()), nullptr);
  REQUIRE(sim);

  REQUIRE(cluster_fixture::eventually([&] { return c.get("nodes", "", "sim-1").ok(); }));
  auto node = dynamic_cast<Node&>(*c.get("nodes", "", "sim-1").object);
  CHECK(node.metadata().labels().at("kactor.io/simulated") == "true");
  REQUIRE(node.spec().taints_size() == 1);
  CHECK(node.spec().taints(0).key() == "kactor.io/simulated");
  CHECK(cluster_fixture::eventually([&] {
    auto n = c.get("nodes", "", "sim-1");
    return n.ok() &&
           dynamic_cast<Node&>(*n.object).status().allocatable().at("cpu").string() == "32";
  }));
  REQUIRE(cluster_fixture::eventually([&] { return c.lease_renewed("sim-0") > 0; }));
  auto first = c.lease_renewed("sim-0");
  CHECK(cluster_fixture::eventually([&] { return c.lease_renewed("sim-0") > first; }));

  // A pod bound to sim-1 runs: Running, Ready, an IP from sim-1's range.
  REQUIRE(c.f.call([&](auto done) { c.client->create(bound_pod("web", "sim-1"), done); }).ok());
  REQUIRE(cluster_fixture::eventually([&] {
    auto p = c.pod("web");
    return p && p->status().phase() == "Running" && p->status().containerstatuses_size() == 1 &&
           p->status().containerstatuses(0).ready();
  }));
  auto web = *c.pod("web");
  CHECK(web.status().podip().rfind("10.128.1.", 0) == 0);
  CHECK(web.status().hostip() == "10.64.1.1");

  // Told to fail after 300 ms with exit code 1: it restarts under restartPolicy Always.
  auto crasher = bound_pod("crasher", "sim-0");
  (*crasher.mutable_metadata()->mutable_annotations())["sim.kactor.io/run-for"] = "300ms";
  (*crasher.mutable_metadata()->mutable_annotations())["sim.kactor.io/exit-code"] = "1";
  REQUIRE(c.f.call([&](auto done) { c.client->create(crasher, done); }).ok());
  CHECK(cluster_fixture::eventually([&] {
    auto p = c.pod("crasher");
    return p && p->status().containerstatuses_size() == 1 &&
           p->status().containerstatuses(0).restartcount() >= 1 &&
           p->status().containerstatuses(0).laststate().terminated().exitcode() == 1;
  }));

  // A run-to-completion pod under Never ends Succeeded.
  auto job = bound_pod("once", "sim-0");
  job.mutable_spec()->set_restartpolicy("Never");
  (*job.mutable_metadata()->mutable_annotations())["sim.kactor.io/run-for"] = "100ms";
  REQUIRE(c.f.call([&](auto done) { c.client->create(job, done); }).ok());
  CHECK(cluster_fixture::eventually([&] {
    auto p = c.pod("once");
    return p && p->status().phase() == "Succeeded";
  }));

  // Deleting a pod: the node confirms with the final delete.
  REQUIRE(c.f.call([&](auto done) {
               c.client->remove({"", "pods", "default", "web"}, {}, done);
             })
              .ok());
  CHECK(cluster_fixture::eventually([&] { return !c.pod("web"); }));
  stop(c.f.sys, *sim);
}

TEST_CASE("simulated nodes: a node told down stops heartbeating and its pods are evicted") {
  sim_cluster c;
  auto sim = node::simulated::spawn_simulated_nodes(c.f.sys, small(c.f.nats_url()), nullptr);
  REQUIRE(sim);
  controllers::controller_manager_options cm;
  cm.nats_url = c.f.nats_url();
  cm.controllers = {"nodelifecycle"};
  cm.node_monitor_period = 200ms;
  cm.node_monitor_grace_period = 2s;
  auto manager = controllers::spawn_controller_manager(c.f.sys, cm, nullptr);
  REQUIRE(manager);

  REQUIRE(cluster_fixture::eventually([&] { return c.lease_renewed("sim-0") > 0; }));
  REQUIRE(c.f.call([&](auto done) { c.client->create(bound_pod("victim", "sim-0"), done); }).ok());
  REQUIRE(cluster_fixture::eventually([&] {
    auto p = c.pod("victim");
    return p && p->status().phase() == "Running";
  }));

  c.annotate_node("sim-0", "true");
  auto renewed = c.lease_renewed("sim-0");
  // The node controller sees the silence: Ready Unknown, the unreachable taint, the eviction.
  CHECK(cluster_fixture::eventually([&] {
    auto n = c.get("nodes", "", "sim-0");
    if (!n.ok()) return false;
    const auto& node = dynamic_cast<Node&>(*n.object);
    bool unknown = false, tainted = false;
    for (const auto& cond : node.status().conditions())
      unknown |= cond.type() == "Ready" && cond.status() == "Unknown";
    for (const auto& t : node.spec().taints())
      tainted |= t.key() == "node.kubernetes.io/unreachable" && t.effect() == "NoExecute";
    return unknown && tainted;
  }));
  CHECK(cluster_fixture::eventually([&] {
    auto p = c.pod("victim");
    return p && p->metadata().has_deletiontimestamp();
  }));
  // Down means down: no Lease renewal meanwhile, and the evicted pod stays Terminating.
  CHECK(c.lease_renewed("sim-0") <= renewed + 400'000);  // at most one renewal in flight
  CHECK(c.pod("victim"));
  // sim-1 kept renewing.
  auto other = c.lease_renewed("sim-1");
  CHECK(cluster_fixture::eventually([&] { return c.lease_renewed("sim-1") > other; }));

  // Back up: it reports Ready again and confirms the eviction with the final delete.
  c.annotate_node("sim-0", "");
  CHECK(cluster_fixture::eventually([&] { return !c.pod("victim"); }));
  CHECK(cluster_fixture::eventually([&] {
    auto n = c.get("nodes", "", "sim-0");
    if (!n.ok()) return false;
    for (const auto& cond : dynamic_cast<Node&>(*n.object).status().conditions())
      if (cond.type() == "Ready") return cond.status() == "True";
    return false;
  }));
  stop(c.f.sys, *manager);
  stop(c.f.sys, *sim);
}
