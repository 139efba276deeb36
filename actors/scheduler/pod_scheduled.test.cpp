#include "actors/scheduler/pod_scheduled.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "actors/scheduler/scheduler_testing.hpp"

namespace messages = kactor::messages;
namespace scheduler = kactor::scheduler;
using kactor::scheduler::unschedulable_condition_patch;
using nlohmann::json;

namespace {

const messages::timestamp t1{1'800'000'000, 0};  // 2027-01-15T08:00:00Z
const messages::timestamp t2{1'800'000'600, 0};

k8s::core::v1::Pod with_condition(std::string status, std::string reason, std::string message,
                                  messages::timestamp transition) {
  auto pod = scheduler::testing::make_pod("web", "1");
  auto* c = pod.mutable_status()->add_conditions();
  c->set_type("PodScheduled");
  c->set_status(status);
  c->set_reason(reason);
  c->set_message(message);
  *c->mutable_lasttransitiontime() = messages::to_time(transition);
  return pod;
}

json condition_of(const std::optional<std::string>& patch) {
  REQUIRE(patch);
  auto doc = json::parse(*patch);
  REQUIRE(doc["status"]["conditions"].size() == 1);
  return doc["status"]["conditions"][0];
}

}  // namespace

TEST_CASE("a pod without the condition gets PodScheduled=False Unschedulable, transition now") {
  auto c = condition_of(
      unschedulable_condition_patch(scheduler::testing::make_pod("web", "1"), "0/2 nodes", t1));
  CHECK(c == json{{"type", "PodScheduled"},
                  {"status", "False"},
                  {"reason", "Unschedulable"},
                  {"message", "0/2 nodes"},
                  {"lastProbeTime", nullptr},
                  {"lastTransitionTime", "2027-01-15T08:00:00Z"}});
}

TEST_CASE("an identical condition is not rewritten") {
  auto pod = with_condition("False", "Unschedulable", "0/2 nodes", t1);
  CHECK(!unschedulable_condition_patch(pod, "0/2 nodes", t2));
}

TEST_CASE("a new message keeps lastTransitionTime while the status stays False") {
  auto pod = with_condition("False", "Unschedulable", "0/2 nodes", t1);
  auto c = condition_of(unschedulable_condition_patch(pod, "0/3 nodes", t2));
  CHECK(c["message"] == "0/3 nodes");
  CHECK(c["lastTransitionTime"] == "2027-01-15T08:00:00Z");
}

TEST_CASE("a status change from True moves lastTransitionTime") {
  auto pod = with_condition("True", "", "", t1);
  auto c = condition_of(unschedulable_condition_patch(pod, "0/3 nodes", t2));
  CHECK(c["lastTransitionTime"] == "2027-01-15T08:10:00Z");
}
