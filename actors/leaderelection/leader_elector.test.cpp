#include "actors/leaderelection/leader_elector.hpp"

#include <doctest/doctest.h>

#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>

#include "k8s/coordination/v1/lease.pb.h"
#include "tests/support/cluster_fixture.hpp"
#include "tests/support/mailbox.hpp"

using namespace kactor;
using namespace std::chrono_literals;

namespace {

leaderelection::elector_options options(const std::string& identity) {
  leaderelection::elector_options o;
  o.lease_name = "kube-scheduler";
  o.identity = identity;
  o.lease_duration = 2s;
  o.renew_deadline = 1500ms;
  o.retry_period = 200ms;
  return o;
}

// The next (leading_atom, bool) of `self`; nullopt when none came in time.
std::optional<bool> next_leading(caf::scoped_actor& self, std::chrono::milliseconds timeout) {
  auto msg = testing::await_atom(self, leaderelection::leading_atom::value, timeout);
  if (msg.empty()) return std::nullopt;
  return msg.get_as<bool>(1);
}

std::string holder(testing::cluster_fixture& f) {
  auto r = f.call([&](auto done) {
    f.client()->get({"coordination.k8s.io", "leases", "kube-system", "kube-scheduler"}, done);
  });
  auto* lease = dynamic_cast<k8s::coordination::v1::Lease*>(r.object.get());
  return lease ? lease->spec().holderidentity() : std::string("<none>");
}

}  // namespace

TEST_CASE("one of two candidates leads; the other takes over after a crash or a release") {
  testing::cluster_fixture f;
  caf::scoped_actor a_events{f.sys};
  caf::scoped_actor b_events{f.sys};
  auto a = leaderelection::spawn_leader_elector(f.sys, options("a"), f.client("a"),
                                                caf::actor_cast<caf::actor>(a_events), nullptr);
  REQUIRE(next_leading(a_events, 30s) == true);
  CHECK(holder(f) == "a");
  auto b = leaderelection::spawn_leader_elector(f.sys, options("b"), f.client("b"),
                                                caf::actor_cast<caf::actor>(b_events), nullptr);
  // b keeps waiting while a renews (several lease durations).
  CHECK(next_leading(b_events, 5s) == std::nullopt);
  CHECK(holder(f) == "a");

  // a "crashes": killed without releasing the lease. b takes over once it expired.
  caf::anon_send_exit(a, caf::exit_reason::kill);
  auto killed_at = std::chrono::steady_clock::now();
  REQUIRE(next_leading(b_events, 30s) == true);
  CHECK(std::chrono::steady_clock::now() - killed_at >= 1500ms);  // not before expiry
  CHECK(holder(f) == "b");

  // A clean stop releases the lease: a new candidate leads without waiting for expiry.
  caf::scoped_actor c_events{f.sys};
  auto c = leaderelection::spawn_leader_elector(f.sys, options("c"), f.client("c"),
                                                caf::actor_cast<caf::actor>(c_events), nullptr);
  caf::anon_send_exit(b, caf::exit_reason::user_shutdown);
  REQUIRE(next_leading(c_events, 30s) == true);
  CHECK(holder(f) == "c");
  caf::anon_send_exit(c, caf::exit_reason::user_shutdown);
}
