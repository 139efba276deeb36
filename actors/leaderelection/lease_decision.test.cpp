#include "actors/leaderelection/lease_decision.hpp"

#include <doctest/doctest.h>

using namespace kactor::leaderelection;
using namespace std::chrono_literals;

namespace {

k8s::coordination::v1::Lease held_by(const std::string& holder, std::int64_t renew_seconds) {
  k8s::coordination::v1::Lease l;
  l.mutable_spec()->set_holderidentity(holder);
  l.mutable_spec()->set_leasedurationseconds(15);
  l.mutable_spec()->mutable_renewtime()->set_seconds(renew_seconds);
  return l;
}

}  // namespace

TEST_CASE("decide: create, renew, wait while renewed, take over once unchanged for the duration") {
  observation obs;
  auto t0 = steady::time_point{} + 1h;
  CHECK(decide(std::nullopt, "a", 15s, t0, obs) == action::create);
  CHECK(decide(held_by("a", 100), "a", 15s, t0, obs) == action::renew);

  observation b;
  CHECK(decide(held_by("a", 100), "b", 15s, t0, b) == action::wait);
  CHECK(decide(held_by("a", 100), "b", 15s, t0 + 14s, b) == action::wait);
  // The holder renewed: the clock restarts from when b saw the change.
  CHECK(decide(held_by("a", 110), "b", 15s, t0 + 14s, b) == action::wait);
  CHECK(decide(held_by("a", 110), "b", 15s, t0 + 28s, b) == action::wait);
  CHECK(decide(held_by("a", 110), "b", 15s, t0 + 29s, b) == action::take_over);
}

TEST_CASE("decide: a released lease is free at once; the lease's own duration counts") {
  observation obs;
  auto t0 = steady::time_point{} + 1h;
  CHECK(decide(released(held_by("a", 100)), "b", 15s, t0, obs) == action::take_over);
  auto short_lease = held_by("a", 100);
  short_lease.mutable_spec()->set_leasedurationseconds(2);
  observation c;
  CHECK(decide(short_lease, "c", 15s, t0, c) == action::wait);
  CHECK(decide(short_lease, "c", 15s, t0 + 2s, c) == action::take_over);
}

TEST_CASE("next_lease: acquire sets holder and acquireTime, take over counts a transition") {
  auto created =
      next_lease(std::nullopt, action::create, "kube-system", "kube-scheduler", "a", 15s);
  CHECK(created.metadata().name() == "kube-scheduler");
  CHECK(created.spec().holderidentity() == "a");
  CHECK(created.spec().leasetransitions() == 0);
  CHECK(created.spec().leasedurationseconds() == 15);
  CHECK(created.spec().has_acquiretime());
  auto renewed = next_lease(created, action::renew, "kube-system", "kube-scheduler", "a", 15s);
  CHECK(renewed.spec().holderidentity() == "a");
  CHECK(renewed.spec().leasetransitions() == 0);
  auto taken = next_lease(created, action::take_over, "kube-system", "kube-scheduler", "b", 15s);
  CHECK(taken.spec().holderidentity() == "b");
  CHECK(taken.spec().leasetransitions() == 1);
  CHECK(released(taken).spec().holderidentity().empty());
}
