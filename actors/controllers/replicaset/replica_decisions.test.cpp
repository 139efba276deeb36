#include "actors/controllers/replicaset/replica_decisions.hpp"

#include <doctest/doctest.h>

using namespace kactor;
using namespace kactor::controllers::replicaset;

namespace {

k8s::core::v1::Pod pod(const std::string& name, const std::string& node, const std::string& phase,
                       std::int64_t created) {
  k8s::core::v1::Pod p;
  p.mutable_metadata()->set_name(name);
  *p.mutable_metadata()->mutable_creationtimestamp() = messages::to_time({created, 0});
  p.mutable_spec()->set_nodename(node);
  p.mutable_status()->set_phase(phase);
  return p;
}

void make_ready(k8s::core::v1::Pod& p, std::int64_t since) {
  auto* c = p.mutable_status()->add_conditions();
  c->set_type("Ready");
  c->set_status("True");
  *c->mutable_lasttransitiontime() = messages::to_time({since, 0});
}

std::vector<std::string> names(const pod_list& pods) {
  std::vector<std::string> out;
  for (const auto* p : pods)
    out.push_back(p->metadata().name());
  return out;
}

}  // namespace

TEST_CASE("pods_to_delete: Kubernetes' preference order") {
  auto unassigned = pod("unassigned", "", "Pending", 1);
  auto pending = pod("pending", "n1", "Pending", 1);
  auto unknown = pod("unknown", "n1", "Unknown", 1);
  auto running = pod("running", "n1", "Running", 1);
  auto ready_long = pod("ready-long", "n1", "Running", 1);
  make_ready(ready_long, 100);
  auto ready_short = pod("ready-short", "n1", "Running", 1);
  make_ready(ready_short, 200);
  auto restarts = pod("restarts", "n1", "Running", 1);
  make_ready(restarts, 100);
  restarts.mutable_status()->add_containerstatuses()->set_restartcount(4);
  auto newer = pod("newer", "n1", "Running", 50);
  make_ready(newer, 100);

  pod_list all{&ready_long, &newer,   &restarts, &ready_short,
               &running,    &unknown, &pending,  &unassigned};
  CHECK(names(pods_to_delete(all, 100)) ==
        std::vector<std::string>{"unassigned", "pending", "unknown", "running", "ready-short",
                                 "restarts", "newer", "ready-long"});
  CHECK(names(pods_to_delete(all, 2)) == std::vector<std::string>{"unassigned", "pending"});
  CHECK(pods_to_delete(all, 0).empty());
}

TEST_CASE("slow_start_batches: 1, 2, 4 ... summing to the total") {
  CHECK(slow_start_batches(0).empty());
  CHECK(slow_start_batches(1) == std::vector<int>{1});
  CHECK(slow_start_batches(3) == std::vector<int>{1, 2});
  CHECK(slow_start_batches(10) == std::vector<int>{1, 2, 4, 3});
  CHECK(slow_start_batches(15) == std::vector<int>{1, 2, 4, 8});
}

TEST_CASE("pod_from_template: generateName, labels, controller reference, spec") {
  k8s::apps::v1::ReplicaSet rs;
  rs.mutable_metadata()->set_name("web-abc");
  rs.mutable_metadata()->set_namespace_("prod");
  rs.mutable_metadata()->set_uid("rs-uid");
  auto* t = rs.mutable_spec()->mutable_template_();
  (*t->mutable_metadata()->mutable_labels())["app"] = "web";
  t->mutable_spec()->add_containers()->set_image("host");
  auto p = pod_from_template(rs);
  CHECK(p.metadata().generatename() == "web-abc-");
  CHECK(p.metadata().name().empty());
  CHECK(p.metadata().namespace_() == "prod");
  CHECK(p.metadata().labels().at("app") == "web");
  REQUIRE(p.metadata().ownerreferences_size() == 1);
  CHECK(p.metadata().ownerreferences(0).uid() == "rs-uid");
  CHECK(p.metadata().ownerreferences(0).kind() == "ReplicaSet");
  CHECK(p.metadata().ownerreferences(0).controller());
  CHECK(p.metadata().ownerreferences(0).blockownerdeletion());
  CHECK(p.spec().containers(0).image() == "host");
}

TEST_CASE("compute_status: counts, minReadySeconds, ReplicaFailure set and cleared") {
  k8s::apps::v1::ReplicaSet rs;
  rs.mutable_metadata()->set_generation(3);
  rs.mutable_spec()->set_minreadyseconds(10);
  (*rs.mutable_spec()->mutable_template_()->mutable_metadata()->mutable_labels())["app"] = "web";
  auto a = pod("a", "n", "Running", 1);
  (*a.mutable_metadata()->mutable_labels())["app"] = "web";
  make_ready(a, 100);
  auto b = pod("b", "n", "Running", 1);
  make_ready(b, 195);
  auto c = pod("c", "n", "Pending", 1);
  auto s = compute_status(rs, {&a, &b, &c}, {}, {200, 0});
  CHECK(s.replicas() == 3);
  CHECK(s.fullylabeledreplicas() == 1);
  CHECK(s.readyreplicas() == 2);
  CHECK(s.availablereplicas() == 1);
  CHECK(s.observedgeneration() == 3);
  CHECK(s.conditions_size() == 0);

  auto failed = compute_status(rs, {}, {"FailedCreate", "pods \"x\" is forbidden"}, {200, 0});
  REQUIRE(failed.conditions_size() == 1);
  CHECK(failed.conditions(0).type() == "ReplicaFailure");
  CHECK(failed.conditions(0).reason() == "FailedCreate");
  CHECK(status_differs(s, failed));
  *rs.mutable_status() = failed;
  auto cleared = compute_status(rs, {}, {}, {300, 0});
  CHECK(cleared.conditions_size() == 0);
  CHECK(!status_differs(cleared, compute_status(rs, {}, {}, {400, 0})));
}
