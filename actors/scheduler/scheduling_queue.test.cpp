#include "actors/scheduler/scheduling_queue.hpp"

#include <doctest/doctest.h>

#include "actors/scheduler/scheduler_testing.hpp"

using namespace kactor::scheduler;
using namespace std::chrono_literals;
using kactor::scheduler::testing::make_pod;

namespace {

std::shared_ptr<const pod_info> pending(const std::string& name, int priority = 0) {
  auto pod = make_pod(name, "100m");
  if (priority != 0) pod.mutable_spec()->set_priority(priority);
  return make_pod_info(std::move(pod));
}

std::string pop_name(scheduling_queue& q) {
  auto p = q.pop();
  return p ? p->name() : "";
}

const scheduling_queue::time_point t0{std::chrono::seconds(1000)};

}  // namespace

TEST_CASE("active pods pop by priority, then arrival") {
  scheduling_queue q;
  q.add_or_update(pending("a"), t0);
  q.add_or_update(pending("b", 10), t0);
  q.add_or_update(pending("c"), t0);
  q.add_or_update(pending("d", 10), t0);
  q.add_or_update(pending("e", -5), t0);
  CHECK(q.active_size() == 5);
  CHECK(pop_name(q) == "b");
  CHECK(pop_name(q) == "d");
  CHECK(pop_name(q) == "a");
  CHECK(pop_name(q) == "c");
  CHECK(pop_name(q) == "e");
  CHECK(q.pop() == nullptr);
  CHECK(q.in_flight_size() == 5);
  CHECK(q.place("default/a") == queue_place::in_flight);
  CHECK(q.attempts("default/a") == 1);
}

TEST_CASE("an update keeps a pod's place in line; a priority change reorders it") {
  scheduling_queue q;
  q.add_or_update(pending("a"), t0);
  q.add_or_update(pending("b"), t0);
  q.add_or_update(pending("a"), t0);  // same priority: a stays first
  CHECK(q.size() == 2);
  CHECK(pop_name(q) == "a");
  q.add_or_update(pending("c"), t0);
  q.add_or_update(pending("c", 100), t0);
  CHECK(pop_name(q) == "c");
  CHECK(pop_name(q) == "b");
}

TEST_CASE("a bound pod is forgotten; removal works from every place") {
  scheduling_queue q;
  q.add_or_update(pending("a"), t0);
  REQUIRE(q.pop());
  q.done("default/a");
  CHECK(q.size() == 0);
  CHECK(q.in_flight_size() == 0);
  CHECK(!q.place("default/a"));

  q.add_or_update(pending("active"), t0);
  q.add_or_update(pending("backoff"), t0);
  q.add_or_update(pending("parked"), t0);
  q.add_or_update(pending("flying"), t0);
  REQUIRE(pop_name(q) == "active");
  q.add_or_update(pending("active"), t0);  // in flight: just updated
  CHECK(q.place("default/active") == queue_place::in_flight);
  q.done("default/active");
  q.add_or_update(pending("active"), t0);
  REQUIRE(pop_name(q) == "backoff");
  q.backoff("default/backoff", t0);
  REQUIRE(pop_name(q) == "parked");
  q.unschedulable("default/parked", t0);
  REQUIRE(pop_name(q) == "flying");
  CHECK(q.place("default/active") == queue_place::active);
  CHECK(q.place("default/backoff") == queue_place::backoff);
  CHECK(q.place("default/parked") == queue_place::unschedulable);
  CHECK(q.place("default/flying") == queue_place::in_flight);
  for (auto key : {"default/active", "default/backoff", "default/parked", "default/flying"})
    q.remove(key);
  CHECK(q.size() == 0);
  CHECK(q.active_size() + q.backoff_size() + q.unschedulable_size() + q.in_flight_size() == 0);
  CHECK(!q.next_flush());
  q.done("default/flying");  // the attempt's late outcome is ignored
  q.backoff("default/nobody", t0);
  CHECK(q.size() == 0);
}

TEST_CASE("back-off doubles from 1 s to at most 10 s") {
  scheduling_queue q;
  CHECK(q.backoff_duration(1) == 1s);
  CHECK(q.backoff_duration(2) == 2s);
  CHECK(q.backoff_duration(3) == 4s);
  CHECK(q.backoff_duration(4) == 8s);
  CHECK(q.backoff_duration(5) == 10s);
  CHECK(q.backoff_duration(60) == 10s);
  scheduling_queue custom({100ms, 250ms, 1min});
  CHECK(custom.backoff_duration(2) == 200ms);
  CHECK(custom.backoff_duration(3) == 250ms);
}

TEST_CASE("a failed pod waits out its back-off, longer after every attempt") {
  scheduling_queue q;
  q.add_or_update(pending("a"), t0);
  REQUIRE(q.pop());
  q.backoff("default/a", t0);
  CHECK(q.backoff_size() == 1);
  CHECK(q.next_flush() == t0 + 1s);
  q.flush(t0 + 999ms);
  CHECK(q.pop() == nullptr);
  q.flush(t0 + 1s);
  REQUIRE(pop_name(q) == "a");
  CHECK(q.attempts("default/a") == 2);
  q.backoff("default/a", t0 + 1s);
  CHECK(q.next_flush() == t0 + 3s);
  q.flush(t0 + 2s);
  CHECK(q.active_size() == 0);
  q.flush(t0 + 3s);
  CHECK(q.active_size() == 1);
}

TEST_CASE("unschedulable pods wait for a cluster change, then respect their back-off") {
  scheduling_queue q;
  q.add_or_update(pending("a"), t0);
  q.add_or_update(pending("b"), t0);
  REQUIRE(pop_name(q) == "a");
  REQUIRE(pop_name(q) == "b");
  q.unschedulable("default/a", t0);
  q.unschedulable("default/b", t0);
  CHECK(q.unschedulable_size() == 2);
  q.flush(t0 + 2min);  // no change: still parked
  CHECK(q.unschedulable_size() == 2);

  q.cluster_changed(t0 + 500ms);  // within the 1 s back-off of their first attempt
  CHECK(q.unschedulable_size() == 0);
  CHECK(q.backoff_size() == 2);
  q.flush(t0 + 1s);
  CHECK(q.active_size() == 2);
  REQUIRE(pop_name(q) == "a");
  q.unschedulable("default/a", t0 + 10s);
  q.cluster_changed(t0 + 20s);  // its 2 s back-off is long over
  CHECK(q.place("default/a") == queue_place::active);
}

TEST_CASE("a cluster change during an attempt sends an unschedulable pod to back-off") {
  scheduling_queue q;
  q.add_or_update(pending("a"), t0);
  REQUIRE(q.pop());
  q.cluster_changed(t0);  // e.g. a node was added while the attempt ran
  q.unschedulable("default/a", t0);
  CHECK(q.place("default/a") == queue_place::backoff);
  q.flush(t0 + 1s);
  REQUIRE(pop_name(q) == "a");
  q.unschedulable("default/a", t0 + 1s);  // no change this time
  CHECK(q.place("default/a") == queue_place::unschedulable);
}

TEST_CASE("parked pods are retried after 5 minutes without any change") {
  scheduling_queue q;
  q.add_or_update(pending("a"), t0);
  REQUIRE(q.pop());
  q.unschedulable("default/a", t0);
  CHECK(q.next_flush() == t0 + 5min);
  q.flush(t0 + 5min - 1ms);
  CHECK(q.place("default/a") == queue_place::unschedulable);
  q.flush(t0 + 5min);
  CHECK(q.place("default/a") == queue_place::active);
  CHECK(!q.next_flush());
}

TEST_CASE("an update of a parked pod makes it eligible again") {
  scheduling_queue q;
  q.add_or_update(pending("a"), t0);
  REQUIRE(q.pop());
  q.unschedulable("default/a", t0);
  auto smaller = make_pod("a", "10m");
  q.add_or_update(make_pod_info(smaller), t0 + 2s);
  CHECK(q.place("default/a") == queue_place::active);
  auto p = q.pop();
  REQUIRE(p);
  CHECK(p->requests.requested.milli_cpu == 10);
}

TEST_CASE("a status-only update of a parked pod leaves it parked") {
  scheduling_queue q;
  q.add_or_update(pending("a"), t0);
  REQUIRE(q.pop());
  q.unschedulable("default/a", t0);
  auto with_status = make_pod("a", "100m");
  with_status.mutable_status()->set_phase("Pending");
  q.add_or_update(make_pod_info(with_status), t0 + 2s, false);
  CHECK(q.place("default/a") == queue_place::unschedulable);
  CHECK(q.find("default/a")->pod->status().phase() == "Pending");
}

TEST_CASE("a narrower change moves only the parked pods it may help") {
  scheduling_queue q;
  q.add_or_update(pending("a"), t0);
  q.add_or_update(pending("b", 5), t0);
  REQUIRE(pop_name(q) == "b");
  REQUIRE(pop_name(q) == "a");
  q.unschedulable("default/a", t0);
  q.unschedulable("default/b", t0);
  q.move_parked_if([](const pod_info& p) { return p.priority == 5; }, t0 + 2s);
  CHECK(q.place("default/b") == queue_place::active);
  CHECK(q.place("default/a") == queue_place::unschedulable);
}
