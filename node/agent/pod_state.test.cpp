#include "node/agent/pod_state.hpp"

#include <doctest/doctest.h>

using namespace kactor;
using namespace kactor::node::agent;
using namespace std::chrono_literals;
namespace rt = kactor::node::runtime;

namespace {

k8s::core::v1::Pod pod(const std::string& policy = "Always") {
  k8s::core::v1::Pod p;
  p.mutable_metadata()->set_name("web");
  p.mutable_metadata()->set_namespace_("default");
  p.mutable_metadata()->set_uid("u1");
  p.mutable_spec()->set_restartpolicy(policy);
  auto* c = p.mutable_spec()->add_containers();
  c->set_name("web");
  c->set_image("host");
  auto* sched = p.mutable_status()->add_conditions();
  sched->set_type("PodScheduled");
  sched->set_status("True");
  return p;
}

rt::container_status instance(rt::container_state state, int exit_code = 0) {
  rt::container_status s;
  s.id = "c1";
  s.state = state;
  s.exit_code = exit_code;
  s.started_at = 1'000'000'000'000;
  if (state == rt::container_state::exited) s.finished_at = 2'000'000'000'000;
  return s;
}

const k8s::core::v1::PodCondition& condition(const k8s::core::v1::PodStatus& s,
                                             const std::string& type) {
  for (const auto& c : s.conditions())
    if (c.type() == type) return c;
  FAIL("no condition " << type);
  return s.conditions(0);
}

}  // namespace

TEST_CASE("status of a pod whose container is being created, runs, crashes, completes") {
  messages::timestamp now{1000, 0};
  auto r = make_record(pod(), now);
  auto creating = compute_status(r, "127.0.0.1", now);
  CHECK(creating.phase() == "Pending");
  CHECK(creating.containerstatuses(0).state().waiting().reason() == "ContainerCreating");
  CHECK(condition(creating, "Ready").status() == "False");
  CHECK(condition(creating, "Ready").message() == "containers with unready status: [web]");
  CHECK(condition(creating, "PodScheduled").status() == "True");
  CHECK(creating.podip() == "127.0.0.1");

  r.sandbox_ready = true;
  r.app[0].current = instance(rt::container_state::running);
  r.app[0].ready = r.app[0].started = true;
  auto running_status = compute_status(r, "127.0.0.1", now);
  CHECK(running_status.phase() == "Running");
  CHECK(running_status.containerstatuses(0).state().has_running());
  CHECK(running_status.containerstatuses(0).ready());
  CHECK(running_status.containerstatuses(0).containerid() == "process://c1");
  CHECK(condition(running_status, "Ready").status() == "True");

  r.app[0].current = instance(rt::container_state::exited, 2);
  r.app[0].restart_count = 1;
  r.app[0].waiting_reason = "CrashLoopBackOff";
  r.app[0].waiting_message = "back-off 10s restarting failed container=web pod=web_default(u1)";
  auto crashing = compute_status(r, "127.0.0.1", now);
  CHECK(crashing.phase() == "Running");
  const auto& cs = crashing.containerstatuses(0);
  CHECK(cs.state().waiting().reason() == "CrashLoopBackOff");
  CHECK(cs.laststate().terminated().exitcode() == 2);
  CHECK(cs.laststate().terminated().reason() == "Error");
  CHECK(cs.restartcount() == 1);

  auto once = make_record(pod("Never"), now);
  once.app[0].current = instance(rt::container_state::exited, 0);
  auto done = compute_status(once, "127.0.0.1", now);
  CHECK(done.phase() == "Succeeded");
  CHECK(done.containerstatuses(0).state().terminated().reason() == "Completed");
  CHECK(condition(done, "Ready").reason() == "PodCompleted");
  once.app[0].current = instance(rt::container_state::exited, 1);
  CHECK(compute_status(once, "127.0.0.1", now).phase() == "Failed");
}

TEST_CASE("restart policy and CrashLoopBackOff delays") {
  auto r = make_record(pod("OnFailure"), {});
  r.app[0].current = instance(rt::container_state::exited, 0);
  CHECK(!should_restart(r.pod, r.app[0]));
  r.app[0].current = instance(rt::container_state::exited, 1);
  CHECK(should_restart(r.pod, r.app[0]));
  auto never = make_record(pod("Never"), {});
  never.app[0].current = instance(rt::container_state::exited, 1);
  CHECK(!should_restart(never.pod, never.app[0]));
  CHECK(crash_backoff(1, 10s, 300s) == 10s);
  CHECK(crash_backoff(2, 10s, 300s) == 20s);
  CHECK(crash_backoff(3, 10s, 300s) == 40s);
  CHECK(crash_backoff(10, 10s, 300s) == 300s);
}

TEST_CASE("init containers: PodInitializing until they complete, in order") {
  auto p = pod();
  auto* init = p.mutable_spec()->add_initcontainers();
  init->set_name("setup");
  init->set_image("host");
  auto r = make_record(p, {});
  auto pending = compute_status(r, "127.0.0.1", {});
  CHECK(pending.phase() == "Pending");
  CHECK(condition(pending, "Initialized").status() == "False");
  CHECK(pending.containerstatuses(0).state().waiting().reason() == "PodInitializing");
  r.init[0].current = instance(rt::container_state::exited, 0);
  CHECK(condition(compute_status(r, "127.0.0.1", {}), "Initialized").status() == "True");
}
