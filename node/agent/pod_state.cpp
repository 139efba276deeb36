#include "node/agent/pod_state.hpp"

#include <algorithm>

namespace kactor::node::agent {

namespace {

k8s::meta::v1::Time time_of_nanos(std::int64_t nanos) {
  return messages::to_time(messages::timestamp{nanos / 1'000'000'000, 0});
}

void set_terminated(k8s::core::v1::ContainerState& out, const runtime::container_status& s) {
  auto* t = out.mutable_terminated();
  t->set_exitcode(s.exit_code);
  t->set_reason(s.reason.empty() ? (s.exit_code == 0 ? "Completed" : "Error") : s.reason);
  if (!s.message.empty()) t->set_message(s.message);
  if (s.started_at) *t->mutable_startedat() = time_of_nanos(s.started_at);
  if (s.finished_at) *t->mutable_finishedat() = time_of_nanos(s.finished_at);
  t->set_containerid("process://" + s.id);
}

k8s::core::v1::ContainerStatus status_of(const k8s::core::v1::Pod& pod, const container_record& c,
                                         const k8s::core::v1::Container& spec) {
  k8s::core::v1::ContainerStatus out;
  out.set_name(c.name);
  out.set_image(spec.image());
  out.set_imageid(spec.image());
  out.set_restartcount(c.restart_count);
  if (c.current) out.set_containerid("process://" + c.current->id);
  if (c.last)
    set_terminated(*out.mutable_laststate(), *c.last);
  else
    out.mutable_laststate();
  bool is_running = running(c);
  out.set_ready(is_running && c.ready && c.started);
  out.set_started(is_running && c.started);
  auto* state = out.mutable_state();
  if (is_running) {
    *state->mutable_running()->mutable_startedat() = time_of_nanos(c.current->started_at);
  } else if (exited(c) && should_restart(pod, c) && c.waiting_reason == "CrashLoopBackOff") {
    state->mutable_waiting()->set_reason(c.waiting_reason);
    state->mutable_waiting()->set_message(c.waiting_message);
    set_terminated(*out.mutable_laststate(), *c.current);
  } else if (exited(c)) {
    set_terminated(*state, *c.current);
  } else {
    state->mutable_waiting()->set_reason(c.waiting_reason);
    if (!c.waiting_message.empty()) state->mutable_waiting()->set_message(c.waiting_message);
  }
  return out;
}

const k8s::core::v1::Container* spec_of(const k8s::core::v1::Pod& pod, const container_record& c) {
  const auto& list = c.init ? pod.spec().initcontainers() : pod.spec().containers();
  for (const auto& s : list)
    if (s.name() == c.name) return &s;
  return nullptr;
}

bool completed(const container_record& c) {
  return exited(c) && c.current->exit_code == 0;
}

void set_condition(k8s::core::v1::PodStatus& out, const k8s::core::v1::PodStatus& before,
                   const std::string& type, bool ok, const std::string& reason,
                   const std::string& message, messages::timestamp now) {
  auto* cond = out.add_conditions();
  cond->set_type(type);
  cond->set_status(ok ? "True" : "False");
  if (!ok && !reason.empty()) cond->set_reason(reason);
  if (!ok && !message.empty()) cond->set_message(message);
  for (const auto& old : before.conditions())
    if (old.type() == type && old.status() == cond->status() && old.has_lasttransitiontime()) {
      *cond->mutable_lasttransitiontime() = old.lasttransitiontime();
      return;
    }
  *cond->mutable_lasttransitiontime() = messages::to_time(now);
}

std::string names(const std::vector<std::string>& list) {
  std::string out = "[";
  for (std::size_t i = 0; i < list.size(); ++i)
    out += (i ? " " : "") + list[i];
  return out + "]";
}

}  // namespace

pod_record make_record(const k8s::core::v1::Pod& pod, messages::timestamp now) {
  pod_record r;
  r.pod = pod;
  r.start_time = pod.status().has_starttime() ? messages::from_time(pod.status().starttime()) : now;
  for (const auto& c : pod.spec().initcontainers()) {
    container_record rec;
    rec.name = c.name();
    rec.init = true;
    rec.waiting_reason = "PodInitializing";
    r.init.push_back(std::move(rec));
  }
  for (const auto& c : pod.spec().containers()) {
    container_record rec;
    rec.name = c.name();
    if (!pod.spec().initcontainers().empty()) rec.waiting_reason = "PodInitializing";
    r.app.push_back(std::move(rec));
  }
  return r;
}

bool running(const container_record& c) {
  return c.current && c.current->state == runtime::container_state::running;
}

bool exited(const container_record& c) {
  return c.current && (c.current->state == runtime::container_state::exited ||
                       c.current->state == runtime::container_state::unknown);
}

bool should_restart(const k8s::core::v1::Pod& pod, const container_record& c) {
  if (!exited(c)) return false;
  auto policy = pod.spec().restartpolicy();
  if (c.init && policy == "Always") policy = "OnFailure";
  if (policy == "Never") return false;
  if (policy == "OnFailure") return c.current->exit_code != 0;
  return true;  // Always (the default)
}

std::chrono::seconds crash_backoff(int restarts, std::chrono::seconds initial,
                                   std::chrono::seconds max) {
  auto delay = initial;
  for (int i = 1; i < restarts && delay < max; ++i)
    delay *= 2;
  return std::min(delay, max);
}

k8s::core::v1::PodStatus compute_status(const pod_record& r, const std::string& node_ip,
                                        messages::timestamp now) {
  const auto& pod = r.pod;
  const auto& before = pod.status();
  k8s::core::v1::PodStatus out;
  bool initialized = std::all_of(r.init.begin(), r.init.end(), completed);
  bool any_running = std::any_of(r.app.begin(), r.app.end(), running);
  bool all_exited = !r.app.empty() && std::all_of(r.app.begin(), r.app.end(), exited);
  bool any_restarting = std::any_of(r.app.begin(), r.app.end(),
                                    [&](const auto& c) { return should_restart(pod, c); });
  bool init_failed = std::any_of(r.init.begin(), r.init.end(), [&](const auto& c) {
    return exited(c) && !completed(c) && !should_restart(pod, c);
  });
  std::string phase = "Pending";
  if (init_failed) {
    phase = "Failed";
  } else if (any_running || (all_exited && any_restarting)) {
    phase = "Running";
  } else if (all_exited) {
    bool ok = std::all_of(r.app.begin(), r.app.end(), completed);
    phase = ok ? "Succeeded" : "Failed";
  }
  out.set_phase(phase);
  bool finished = phase == "Succeeded" || phase == "Failed";

  std::vector<std::string> unready;
  std::vector<std::string> incomplete;
  for (const auto& c : r.app)
    if (!(running(c) && c.ready && c.started)) unready.push_back(c.name);
  for (const auto& c : r.init)
    if (!completed(c)) incomplete.push_back(c.name);
  set_condition(out, before, "PodReadyToStartContainers", r.sandbox_ready && !finished, "", "",
                now);
  set_condition(out, before, "Initialized", initialized, "ContainersNotInitialized",
                "containers with incomplete status: " + names(incomplete), now);
  std::string why = finished ? "PodCompleted" : "ContainersNotReady";
  std::string what = finished ? "" : "containers with unready status: " + names(unready);
  set_condition(out, before, "ContainersReady", unready.empty() && !finished, why, what, now);
  set_condition(out, before, "Ready", unready.empty() && !finished, why, what, now);
  for (const auto& c : before.conditions())
    if (c.type() == "PodScheduled") *out.add_conditions() = c;

  out.set_hostip(node_ip);
  out.add_hostips()->set_ip(node_ip);
  out.set_podip(node_ip);
  out.add_podips()->set_ip(node_ip);
  *out.mutable_starttime() = messages::to_time(r.start_time);
  if (before.has_qosclass()) out.set_qosclass(before.qosclass());
  for (const auto& c : r.init)
    if (const auto* spec = spec_of(pod, c))
      *out.add_initcontainerstatuses() = status_of(pod, c, *spec);
  for (const auto& c : r.app)
    if (const auto* spec = spec_of(pod, c)) *out.add_containerstatuses() = status_of(pod, c, *spec);
  return out;
}

}  // namespace kactor::node::agent
