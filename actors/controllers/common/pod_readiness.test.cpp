#include "actors/controllers/common/pod_readiness.hpp"

#include <doctest/doctest.h>

using namespace kactor;
using namespace kactor::controllers;

namespace {

k8s::core::v1::Pod ready_pod(std::int64_t since_seconds) {
  k8s::core::v1::Pod pod;
  pod.mutable_status()->set_phase("Running");
  auto* c = pod.mutable_status()->add_conditions();
  c->set_type("Ready");
  c->set_status("True");
  *c->mutable_lasttransitiontime() = messages::to_time({since_seconds, 0});
  return pod;
}

}  // namespace

TEST_CASE("pod readiness and availability") {
  auto pod = ready_pod(1000);
  CHECK(is_pod_active(pod));
  CHECK(is_pod_ready(pod));
  CHECK(ready_since(pod)->seconds == 1000);
  CHECK(is_pod_available(pod, 0, {1000, 0}));
  CHECK(!is_pod_available(pod, 10, {1010, 0}));
  CHECK(is_pod_available(pod, 10, {1010, 1}));

  pod.mutable_status()->mutable_conditions(0)->set_status("False");
  CHECK(!is_pod_ready(pod));
  CHECK(!ready_since(pod));
  CHECK(!is_pod_available(pod, 0, {2000, 0}));
}

TEST_CASE("pods being deleted or finished are not active") {
  auto pod = ready_pod(0);
  *pod.mutable_metadata()->mutable_deletiontimestamp() = messages::to_time({5, 0});
  CHECK(!is_pod_active(pod));
  auto done = ready_pod(0);
  done.mutable_status()->set_phase("Succeeded");
  CHECK(!is_pod_active(done));
  done.mutable_status()->add_containerstatuses()->set_restartcount(2);
  done.mutable_status()->add_containerstatuses()->set_restartcount(3);
  CHECK(restart_count(done) == 5);
}
