#include "node/simulated/sim_pod.hpp"

#include <doctest/doctest.h>

using namespace kactor;
using namespace kactor::node::simulated;
using namespace std::chrono_literals;

namespace {

k8s::core::v1::Pod make_pod(const std::string& policy) {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name("web");
  pod.mutable_metadata()->set_namespace_("default");
  pod.mutable_metadata()->set_uid("u1");
  pod.mutable_spec()->set_restartpolicy(policy);
  pod.mutable_spec()->add_initcontainers()->set_name("setup");
  pod.mutable_spec()->add_containers()->set_name("main");
  pod.mutable_spec()->mutable_containers(0)->set_image("nginx:1.27");
  auto* cond = pod.mutable_status()->add_conditions();
  cond->set_type("PodScheduled");
  cond->set_status("True");
  return pod;
}

std::string condition(const k8s::core::v1::PodStatus& s, const std::string& type) {
  for (const auto& c : s.conditions())
    if (c.type() == type) return c.status();
  return "";
}

}  // namespace

TEST_CASE("simulated pod: pending, then running and ready with its own IP") {
  auto p = make_sim_pod(make_pod("Always"), {100, 0});
  auto pending = sim_status(p, "10.64.0.1", "10.128.0.2", {100, 0});
  CHECK(pending.phase() == "Pending");
  CHECK(pending.containerstatuses(0).state().waiting().reason() == "PodInitializing");
  start_containers(p, {101, 0});
  auto s = sim_status(p, "10.64.0.1", "10.128.0.2", {101, 0});
  CHECK(s.phase() == "Running");
  CHECK(condition(s, "Ready") == "True");
  CHECK(condition(s, "PodScheduled") == "True");
  CHECK(s.hostip() == "10.64.0.1");
  CHECK(s.podip() == "10.128.0.2");
  CHECK(s.podips(0).ip() == "10.128.0.2");
  CHECK(s.initcontainerstatuses(0).state().terminated().reason() == "Completed");
  CHECK(s.containerstatuses(0).state().running().startedat().seconds() == 101);
  CHECK(s.containerstatuses(0).containerid().rfind("sim://", 0) == 0);
  CHECK(s.containerstatuses(0).image() == "nginx:1.27");
}

TEST_CASE("simulated pod: a failing container backs off and restarts under Always") {
  auto p = make_sim_pod(make_pod("Always"), {100, 0});
  start_containers(p, {100, 0});
  std::chrono::seconds backoff{0};
  CHECK(exit_containers(p, 2, {110, 0}, 10s, 300s, backoff));
  CHECK(backoff == 10s);
  auto s = sim_status(p, "10.64.0.1", "10.128.0.2", {110, 0});
  CHECK(s.phase() == "Running");
  CHECK(condition(s, "Ready") == "False");
  CHECK(s.containerstatuses(0).state().waiting().reason() == "CrashLoopBackOff");
  CHECK(s.containerstatuses(0).laststate().terminated().exitcode() == 2);
  restart_containers(p, {120, 0});
  s = sim_status(p, "10.64.0.1", "10.128.0.2", {120, 0});
  CHECK(s.containerstatuses(0).restartcount() == 1);
  CHECK(s.containerstatuses(0).state().has_running());
  CHECK(s.containerstatuses(0).laststate().terminated().reason() == "Error");
  CHECK(exit_containers(p, 2, {130, 0}, 10s, 300s, backoff));
  CHECK(backoff == 20s);
}

TEST_CASE("simulated pod: Never and OnFailure end in Succeeded or Failed") {
  auto ok = make_sim_pod(make_pod("OnFailure"), {100, 0});
  start_containers(ok, {100, 0});
  std::chrono::seconds backoff{0};
  CHECK(!exit_containers(ok, 0, {105, 0}, 10s, 300s, backoff));
  CHECK(sim_status(ok, "10.64.0.1", "10.128.0.2", {105, 0}).phase() == "Succeeded");

  auto bad = make_sim_pod(make_pod("Never"), {100, 0});
  start_containers(bad, {100, 0});
  CHECK(!exit_containers(bad, 1, {105, 0}, 10s, 300s, backoff));
  auto s = sim_status(bad, "10.64.0.1", "10.128.0.2", {105, 0});
  CHECK(s.phase() == "Failed");
  CHECK(s.containerstatuses(0).state().terminated().exitcode() == 1);
  CHECK(s.containerstatuses(0).state().terminated().containerid().rfind("sim://", 0) == 0);
}
