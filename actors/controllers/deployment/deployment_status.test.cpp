#include "actors/controllers/deployment/deployment_status.hpp"

#include <doctest/doctest.h>

using namespace kactor;
using namespace kactor::controllers::deployment;
using k8s::apps::v1::Deployment;
using k8s::apps::v1::ReplicaSet;

namespace {

Deployment stuck(std::int64_t last_progress) {
  Deployment d;
  d.mutable_metadata()->set_name("web");
  d.mutable_spec()->set_replicas(2);
  d.mutable_spec()->set_progressdeadlineseconds(600);
  d.mutable_status()->set_replicas(2);
  d.mutable_status()->set_updatedreplicas(1);
  d.mutable_status()->set_readyreplicas(1);
  d.mutable_status()->set_availablereplicas(1);
  *d.mutable_status()->add_conditions() = make_condition(
      "Progressing", "True", "ReplicaSetUpdated", "x", messages::timestamp{last_progress, 0});
  return d;
}

ReplicaSet rs(const std::string& name, int replicas, int available) {
  ReplicaSet r;
  r.mutable_metadata()->set_name(name);
  r.mutable_status()->set_replicas(replicas);
  r.mutable_status()->set_availablereplicas(available);
  r.mutable_status()->set_readyreplicas(available);
  return r;
}

}  // namespace

TEST_CASE("set_condition: same status and reason is no change; same status keeps transition") {
  k8s::apps::v1::DeploymentStatus s;
  set_condition(s, make_condition("Available", "False", "A", "m1", {100, 0}));
  set_condition(s, make_condition("Available", "False", "A", "m2", {200, 0}));
  REQUIRE(s.conditions_size() == 1);
  CHECK(s.conditions(0).message() == "m1");
  set_condition(s, make_condition("Available", "False", "B", "m3", {300, 0}));
  CHECK(s.conditions(0).reason() == "B");
  CHECK(messages::from_time(s.conditions(0).lasttransitiontime()).seconds == 100);
  CHECK(messages::from_time(s.conditions(0).lastupdatetime()).seconds == 300);
  set_condition(s, make_condition("Available", "True", "C", "m4", {400, 0}));
  CHECK(messages::from_time(s.conditions(0).lasttransitiontime()).seconds == 400);
}

TEST_CASE("rollout status: no progress past the deadline is ProgressDeadlineExceeded") {
  auto fresh = rs("web-new", 1, 0), old = rs("web-old", 1, 1);
  auto d = stuck(1000);
  auto r = compute_rollout_status(d, {&old, &fresh}, &fresh, {1500, 0});
  const auto* p = find_condition(r.status, "Progressing");
  REQUIRE(p);
  CHECK(p->reason() == "ReplicaSetUpdated");
  REQUIRE(r.requeue_after);
  CHECK(r.requeue_after->count() == 101);  // the deadline at 1600, plus a second

  r = compute_rollout_status(d, {&old, &fresh}, &fresh, {1601, 0});
  p = find_condition(r.status, "Progressing");
  REQUIRE(p);
  CHECK(p->status() == "False");
  CHECK(p->reason() == "ProgressDeadlineExceeded");
  CHECK(p->message() == "ReplicaSet \"web-new\" has timed out progressing.");
}

TEST_CASE("rollout status: progress refreshes the condition, counts come from the RSes") {
  auto fresh = rs("web-new", 2, 1), old = rs("web-old", 1, 1);
  auto d = stuck(1000);
  auto r = compute_rollout_status(d, {&old, &fresh}, &fresh, {1601, 0});
  const auto* p = find_condition(r.status, "Progressing");
  REQUIRE(p);
  CHECK(p->reason() == "ReplicaSetUpdated");
  CHECK(p->message() == "ReplicaSet \"web-new\" is progressing.");
  CHECK(messages::from_time(p->lastupdatetime()).seconds == 1601);
  CHECK(messages::from_time(p->lasttransitiontime()).seconds == 1000);
  CHECK(r.status.replicas() == 3);
  CHECK(r.status.updatedreplicas() == 2);
  CHECK(r.status.availablereplicas() == 2);
  CHECK(r.status.unavailablereplicas() == 1);
  // maxUnavailable 25% of 2 rounds down to 0: 2 available of 2 is enough.
  CHECK(find_condition(r.status, "Available")->status() == "True");
}

TEST_CASE("rollout status: a ReplicaFailure of an RS is copied, and removed when it clears") {
  auto failing = rs("web-new", 0, 0);
  auto* c = failing.mutable_status()->add_conditions();
  c->set_type("ReplicaFailure");
  c->set_status("True");
  c->set_reason("FailedCreate");
  c->set_message("forbidden");
  auto d = stuck(1000);
  auto r = compute_rollout_status(d, {&failing}, &failing, {1001, 0});
  const auto* f = find_condition(r.status, "ReplicaFailure");
  REQUIRE(f);
  CHECK(f->reason() == "FailedCreate");
  *d.mutable_status() = r.status;
  auto healthy = rs("web-new", 0, 0);
  r = compute_rollout_status(d, {&healthy}, &healthy, {1002, 0});
  CHECK(!find_condition(r.status, "ReplicaFailure"));
}
