#include "actors/controllers/nodelifecycle/node_health.hpp"

#include <doctest/doctest.h>

using namespace kactor;
using namespace kactor::controllers::nodelifecycle;
using namespace std::chrono_literals;

namespace {

k8s::core::v1::Node ready_node(const std::string& status) {
  k8s::core::v1::Node n;
  n.mutable_metadata()->set_name("n1");
  auto* c = n.mutable_status()->add_conditions();
  c->set_type("Ready");
  c->set_status(status);
  c->mutable_lastheartbeattime()->set_seconds(100);
  auto* m = n.mutable_status()->add_conditions();
  m->set_type("MemoryPressure");
  m->set_status("False");
  return n;
}

k8s::core::v1::Toleration toleration(const std::string& key, std::optional<std::int64_t> seconds) {
  k8s::core::v1::Toleration t;
  t.set_key(key);
  t.set_operator_("Exists");
  t.set_effect("NoExecute");
  if (seconds) t.set_tolerationseconds(*seconds);
  return t;
}

}  // namespace

TEST_CASE("heartbeat_stale: stale only after the record stayed unchanged for the grace period") {
  auto node = ready_node("True");
  k8s::coordination::v1::Lease lease;
  lease.mutable_spec()->mutable_renewtime()->set_seconds(10);
  heartbeat_observation obs;
  auto t0 = steady::time_point{} + 1h;
  CHECK(!heartbeat_stale(node, &lease, t0, 40s, obs));
  CHECK(!heartbeat_stale(node, &lease, t0 + 39s, 40s, obs));
  lease.mutable_spec()->mutable_renewtime()->set_seconds(20);  // renewed
  CHECK(!heartbeat_stale(node, &lease, t0 + 39s, 40s, obs));
  CHECK(!heartbeat_stale(node, &lease, t0 + 78s, 40s, obs));
  CHECK(heartbeat_stale(node, &lease, t0 + 79s, 40s, obs));
}

TEST_CASE("mark_status_unknown and reconcile_taints follow Kubernetes' node lifecycle") {
  auto node = ready_node("True");
  messages::timestamp now{1000, 0};
  CHECK(!reconcile_taints(node, now));  // Ready: no lifecycle taint
  CHECK(mark_status_unknown(node, now));
  CHECK(node.status().conditions(0).status() == "Unknown");
  CHECK(node.status().conditions(0).reason() == "NodeStatusUnknown");
  CHECK(node.status().conditions(0).message() == "Kubelet stopped posting node status.");
  CHECK(node.status().conditions(1).status() == "Unknown");
  CHECK(!mark_status_unknown(node, now));  // already Unknown: no change

  CHECK(reconcile_taints(node, now));
  REQUIRE(node.spec().taints_size() == 2);
  CHECK(node.spec().taints(0).key() == unreachable_taint);
  CHECK(node.spec().taints(0).effect() == "NoSchedule");
  CHECK(node.spec().taints(1).effect() == "NoExecute");
  CHECK(node.spec().taints(1).timeadded().seconds() == 1000);
  CHECK(!reconcile_taints(node, {2000, 0}));  // kept, with their timeAdded

  node.mutable_status()->mutable_conditions(0)->set_status("False");
  auto* other = node.mutable_spec()->add_taints();
  other->set_key("dedicated");
  other->set_effect("NoSchedule");
  CHECK(reconcile_taints(node, now));
  REQUIRE(node.spec().taints_size() == 3);
  CHECK(node.spec().taints(0).key() == "dedicated");
  CHECK(node.spec().taints(1).key() == not_ready_taint);

  node.mutable_status()->mutable_conditions(0)->set_status("True");
  CHECK(reconcile_taints(node, now));
  REQUIRE(node.spec().taints_size() == 1);
  CHECK(node.spec().taints(0).key() == "dedicated");
}

TEST_CASE("eviction_time: untolerated now, tolerationSeconds later, forever never") {
  auto node = ready_node("Unknown");
  mark_status_unknown(node, {1000, 0});
  reconcile_taints(node, {1000, 0});
  k8s::core::v1::Pod pod;
  CHECK(eviction_time(pod, node)->seconds == 1000);  // no toleration: at once
  *pod.mutable_spec()->add_tolerations() = toleration(unreachable_taint, 300);
  *pod.mutable_spec()->add_tolerations() = toleration(not_ready_taint, 300);
  CHECK(eviction_time(pod, node)->seconds == 1300);  // the default tolerations
  *pod.mutable_spec()->add_tolerations() = toleration(unreachable_taint, 60);
  CHECK(eviction_time(pod, node)->seconds == 1060);  // the shortest applies
  k8s::core::v1::Pod forever;
  *forever.mutable_spec()->add_tolerations() = toleration(unreachable_taint, std::nullopt);
  CHECK(!eviction_time(forever, node));
  CHECK(!eviction_time(pod, ready_node("True")));  // no NoExecute taint
}
