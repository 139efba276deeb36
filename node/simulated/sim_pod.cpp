#include "node/simulated/sim_pod.hpp"

namespace kactor::node::simulated {

namespace {

std::int64_t nanos(messages::timestamp t) {
  return t.seconds * 1'000'000'000 + t.nanos;
}

runtime::container_status instance(const sim_pod& p, const agent::container_record& c,
                                   std::uint32_t attempt, messages::timestamp now) {
  runtime::container_status s;
  s.id = p.record.pod.metadata().uid() + "-" + c.name + "-" + std::to_string(attempt);
  s.name = c.name;
  s.attempt = attempt;
  s.state = runtime::container_state::running;
  s.created_at = nanos(now);
  s.started_at = nanos(now);
  return s;
}

void run(sim_pod& p, agent::container_record& c, std::uint32_t attempt, messages::timestamp now) {
  c.current = instance(p, c, attempt, now);
  c.id = c.current->id;
  c.attempt = attempt;
  c.ready = true;
  c.started = true;
  c.waiting_reason.clear();
  c.waiting_message.clear();
}

}  // namespace

sim_pod make_sim_pod(const k8s::core::v1::Pod& pod, messages::timestamp now) {
  sim_pod p;
  p.record = agent::make_record(pod, now);
  p.behaviour = behaviour_of(pod);
  return p;
}

bool terminal(const k8s::core::v1::Pod& pod) {
  return pod.status().phase() == "Succeeded" || pod.status().phase() == "Failed";
}

void start_containers(sim_pod& p, messages::timestamp now) {
  p.record.sandbox = "sim";
  p.record.sandbox_ready = true;
  for (auto& c : p.record.init) {
    run(p, c, 0, now);
    c.current->state = runtime::container_state::exited;
    c.current->finished_at = nanos(now);
    c.current->reason = "Completed";
  }
  for (auto& c : p.record.app)
    run(p, c, static_cast<std::uint32_t>(c.restart_count), now);
}

bool exit_containers(sim_pod& p, int code, messages::timestamp now, std::chrono::seconds initial,
                     std::chrono::seconds max, std::chrono::seconds& backoff) {
  bool restarts = false;
  backoff = std::chrono::seconds(0);
  for (auto& c : p.record.app) {
    if (!agent::running(c)) continue;
    c.current->state = runtime::container_state::exited;
    c.current->exit_code = code;
    c.current->finished_at = nanos(now);
    c.current->reason = code == 0 ? "Completed" : "Error";
    c.ready = false;
    if (!agent::should_restart(p.record.pod, c)) continue;
    restarts = true;
    auto delay = agent::crash_backoff(c.restart_count + 1, initial, max);
    backoff = std::max(backoff, delay);
    c.backoff = delay;
    c.waiting_reason = "CrashLoopBackOff";
    const auto& m = p.record.pod.metadata();
    c.waiting_message = "back-off " + std::to_string(delay.count()) +
                        "s restarting failed container=" + c.name + " pod=" + m.name() + "_" +
                        m.namespace_() + "(" + m.uid() + ")";
  }
  return restarts;
}

void restart_containers(sim_pod& p, messages::timestamp now) {
  for (auto& c : p.record.app) {
    if (!agent::should_restart(p.record.pod, c)) continue;
    c.last = c.current;
    c.restart_count += 1;
    run(p, c, static_cast<std::uint32_t>(c.restart_count), now);
  }
}

k8s::core::v1::PodStatus sim_status(const sim_pod& p, const std::string& host_ip,
                                    const std::string& pod_ip, messages::timestamp now) {
  auto status = agent::compute_status(p.record, host_ip, now);
  if (!pod_ip.empty() && pod_ip != host_ip) {
    status.set_podip(pod_ip);
    status.mutable_podips()->Clear();
    status.add_podips()->set_ip(pod_ip);
  }
  auto rename = [](k8s::core::v1::ContainerStatus& s) {
    constexpr std::string_view process = "process://";
    auto fix = [&](std::string* id) {
      if (id->rfind(process, 0) == 0) id->replace(0, process.size(), "sim://");
    };
    fix(s.mutable_containerid());
    if (s.laststate().has_terminated())
      fix(s.mutable_laststate()->mutable_terminated()->mutable_containerid());
    if (s.state().has_terminated())
      fix(s.mutable_state()->mutable_terminated()->mutable_containerid());
  };
  for (auto& s : *status.mutable_containerstatuses())
    rename(s);
  for (auto& s : *status.mutable_initcontainerstatuses())
    rename(s);
  return status;
}

}  // namespace kactor::node::simulated
