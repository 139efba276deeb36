#include "actors/controllers/nodelifecycle/node_lifecycle.hpp"

#include <doctest/doctest.h>

#include <caf/send.hpp>

#include "actors/informer/informer.hpp"
#include "k8s/coordination/v1/lease.pb.h"
#include "k8s/core/v1/node.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "messages/time.hpp"
#include "tests/support/cluster_fixture.hpp"

using namespace kactor;
using namespace std::chrono_literals;
using k8s::core::v1::Node;
using k8s::core::v1::Pod;

namespace {

struct informers {
  std::vector<caf::actor> actors;
  std::shared_ptr<informer::cache> start(testing::cluster_fixture& f, const std::string& group,
                                         const std::string& resource) {
    auto cache = std::make_shared<informer::cache>();
    informer::informer_options o;
    o.group = group;
    o.resource = resource;
    auto a = informer::spawn_informer(f.sys, o, {f.open(false), f.open(true), cache, nullptr});
    REQUIRE(a);
    actors.push_back(*a);
    return cache;
  }
  ~informers() {
    for (auto& a : actors)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  }
};

Node ready_node(const std::string& name) {
  Node n;
  n.mutable_metadata()->set_name(name);
  return n;
}

void post_ready(testing::cluster_fixture& f, Node node) {
  node.mutable_status()->clear_conditions();
  auto* c = node.mutable_status()->add_conditions();
  c->set_type("Ready");
  c->set_status("True");
  c->set_reason("KubeletReady");
  *c->mutable_lastheartbeattime() = messages::to_time(messages::now());
  *c->mutable_lasttransitiontime() = messages::to_time(messages::now());
  auto r = f.call([&](auto done) { f.client()->update_status(node, done); });
  REQUIRE_MESSAGE(r.ok(), r.describe());
}

Node get_node(testing::cluster_fixture& f, const std::string& name) {
  auto r = f.call([&](auto done) { f.client()->get({"", "nodes", "", name}, done); });
  REQUIRE_MESSAGE(r.ok(), r.describe());
  return dynamic_cast<Node&>(*r.object);
}

}  // namespace

TEST_CASE(
    "a silent node goes Unknown, gets the unreachable taints, its pods are evicted; "
    "taints leave when it posts Ready again") {
  testing::cluster_fixture f;
  auto created = f.call([&](auto done) { f.client()->create(ready_node("n1"), done); });
  REQUIRE_MESSAGE(created.ok(), created.describe());
  post_ready(f, get_node(f, "n1"));

  Pod pod;
  pod.mutable_metadata()->set_name("web");
  pod.mutable_metadata()->set_namespace_("default");
  pod.mutable_spec()->set_nodename("n1");
  auto* c = pod.mutable_spec()->add_containers();
  c->set_name("web");
  c->set_image("host");
  auto* tol = pod.mutable_spec()->add_tolerations();
  tol->set_key("node.kubernetes.io/unreachable");
  tol->set_operator_("Exists");
  tol->set_effect("NoExecute");
  tol->set_tolerationseconds(1);
  Pod forever = pod;
  forever.mutable_metadata()->set_name("stays");
  forever.mutable_spec()->mutable_tolerations(0)->clear_tolerationseconds();
  REQUIRE(f.call([&](auto done) { f.client()->create(pod, done); }).ok());
  REQUIRE(f.call([&](auto done) { f.client()->create(forever, done); }).ok());

  informers inf;
  controllers::nodelifecycle::node_lifecycle_deps deps;
  deps.nodes = inf.start(f, "", "nodes");
  deps.leases = inf.start(f, "coordination.k8s.io", "leases");
  deps.pods = inf.start(f, "", "pods");
  deps.client = f.client("kube-controller-manager");
  deps.events = std::make_shared<apiclient::event_recorder>(deps.client, "node-controller");
  controllers::nodelifecycle::node_lifecycle_options opts;
  opts.monitor_period = 100ms;
  opts.grace_period = 1500ms;
  auto controller = controllers::nodelifecycle::spawn_node_lifecycle(f.sys, opts, deps);

  CHECK(testing::cluster_fixture::eventually([&] {
    auto n = get_node(f, "n1");
    return n.status().conditions(0).status() == "Unknown" && n.spec().taints_size() == 2 &&
           n.spec().taints(0).key() == "node.kubernetes.io/unreachable";
  }));
  auto pod_state = [&](const std::string& name) {
    return f.call([&](auto done) { f.client()->get({"", "pods", "default", name}, done); });
  };
  CHECK(testing::cluster_fixture::eventually([&] {
    auto r = pod_state("web");
    return r.not_found() ||
           (r.ok() && dynamic_cast<Pod&>(*r.object).metadata().has_deletiontimestamp());
  }));
  auto stays = pod_state("stays");
  REQUIRE(stays.ok());
  CHECK(!dynamic_cast<Pod&>(*stays.object).metadata().has_deletiontimestamp());

  post_ready(f, get_node(f, "n1"));  // the kubelet is back
  CHECK(testing::cluster_fixture::eventually([&] {
    auto n = get_node(f, "n1");
    return n.status().conditions(0).status() == "True" && n.spec().taints_size() == 0;
  }));
  caf::anon_send_exit(controller, caf::exit_reason::user_shutdown);
}
