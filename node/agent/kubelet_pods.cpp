#include <spdlog/spdlog.h>

#include "node/agent/container_env.hpp"
#include "node/agent/kubelet_state.hpp"
#include "node/agent/probes.hpp"
#include "node/runtime/container_config.hpp"

namespace kactor::node::agent {

namespace {

using k8s::core::v1::Pod;

const k8s::core::v1::Container* spec_of(const Pod& pod, const container_record& c) {
  for (const auto& s : c.init ? pod.spec().initcontainers() : pod.spec().containers())
    if (s.name() == c.name) return &s;
  return nullptr;
}

// Only the image `host` (any tag) names what the process runtime can run: the node's own
// filesystem.
bool runnable_image(const std::string& image) {
  return image == "host" || image.rfind("host:", 0) == 0;
}

std::string pod_ref(const Pod& pod) {
  return pod.metadata().name() + "_" + pod.metadata().namespace_() + "(" + pod.metadata().uid() +
         ")";
}

std::chrono::milliseconds grace_of(const Pod& pod) {
  auto s = pod.metadata().has_deletiongraceperiodseconds()
               ? pod.metadata().deletiongraceperiodseconds()
               : (pod.spec().has_terminationgraceperiodseconds()
                      ? pod.spec().terminationgraceperiodseconds()
                      : 30);
  return std::chrono::seconds(std::max<std::int64_t>(s, 0));
}

void publish_status(const state_ptr& st, pod_record& r) {
  if (r.gone || r.finished) return;
  auto status = compute_status(r, st->opts.node_ip, messages::now());
  // Compare without the times that change on every computation.
  auto text = status.SerializeAsString();
  if (text == r.last_status) return;
  r.last_status = text;
  Pod update;
  *update.mutable_metadata() = r.pod.metadata();
  update.mutable_metadata()->clear_resourceversion();
  update.mutable_metadata()->clear_managedfields();
  *update.mutable_status() = status;
  auto uid = r.pod.metadata().uid();
  auto log = st->log;
  st->client->update_status(update, [log, uid](apiclient::api_reply reply) {
    if (!reply.ok() && !reply.not_found()) log->warn("pod {} status: {}", uid, reply.describe());
  });
}

void start_container(caf::event_based_actor* self, const state_ptr& st, pod_record& r,
                     container_record& c) {
  const auto* spec = spec_of(r.pod, c);
  if (!spec) return;
  if (!runnable_image(spec->image())) {
    c.can_run = false;
    c.waiting_reason = "ErrImagePull";
    c.waiting_message = "image \"" + spec->image() +
                        "\" cannot run on this node: only the image \"host\" (any tag) runs on "
                        "the process runtime until the OCI runtime exists";
    return;
  }
  auto env = resolve_env(r.pod, *spec, st->opts.node_ip, st->env);
  if (!env) {  // retried at every sync: the ConfigMap or Secret may appear
    c.waiting_reason = env.error().reason;
    c.waiting_message = env.error().message;
    return;
  }
  std::uint32_t attempt = c.current ? c.attempt + 1 : c.attempt;
  auto cfg = runtime::container_config_for(r.pod, *spec, std::move(*env), attempt);
  if (!cfg) {
    c.can_run = false;
    c.waiting_reason = "CreateContainerConfigError";
    c.waiting_message = cfg.error().message;
    return;
  }
  r.busy = true;
  st->events->record(r.pod, "Normal", "Pulled",
                     "Container image \"" + spec->image() + "\" already present on machine");
  run_job(self, [rt = st->rt, sandbox = r.sandbox, cfg = std::move(*cfg),
                 uid = r.pod.metadata().uid(), name = c.name, init = c.init, attempt] {
    job_outcome out;
    out.what = job_outcome::kind::start;
    out.uid = uid;
    out.container = name;
    out.init = init;
    out.attempt = attempt;
    auto id = rt->create_container(sandbox, cfg);
    if (!id) {
      out.failed = true;
      out.unsupported = id.error().code == runtime::error_code::unsupported;
      out.reason = id.error().reason.empty() ? "CreateContainerError" : id.error().reason;
      out.message = id.error().message;
      return out;
    }
    auto started = rt->start_container(*id);
    auto status = rt->inspect_container(*id);
    if (status) out.status = *status;
    if (!started) {
      out.reason = "StartError";
      out.message = started.error().message;
    }
    return out;
  });
}

// Decides what the next step of an exited container is; true when it starts now.
bool handle_exited(caf::event_based_actor* self, const state_ptr& st, pod_record& r,
                   container_record& c) {
  if (!should_restart(r.pod, c)) return false;
  auto now = steady::now();
  if (c.retry_at == steady::time_point{}) {
    // The first restart is immediate; later ones back off (10 s doubling to 5 min); a
    // container that ran 10 minutes before it exited starts over (Kubernetes resets the
    // back-off after twice its maximum of stable running).
    auto ran = std::chrono::nanoseconds(c.current->finished_at - c.current->started_at);
    bool stable = ran >= 2 * st->opts.crash_backoff_max;
    auto delay = c.restart_count == 0 || stable
                     ? std::chrono::seconds(0)
                     : crash_backoff(c.restart_count, st->opts.crash_backoff_initial,
                                     st->opts.crash_backoff_max);
    c.backoff = delay;
    c.retry_at = now + delay;
    if (delay.count() > 0) {
      c.waiting_reason = "CrashLoopBackOff";
      c.waiting_message = "back-off " + std::to_string(delay.count()) +
                          "s restarting failed container=" + c.name + " pod=" + pod_ref(r.pod);
      st->events->record(
          r.pod, "Warning", "BackOff",
          "Back-off restarting failed container " + c.name + " in pod " + pod_ref(r.pod));
    }
  }
  if (now < c.retry_at) return false;
  c.retry_at = {};
  start_container(self, st, r, c);
  return true;
}

void tear_down(caf::event_based_actor* self, const state_ptr& st, pod_record& r) {
  if (!r.sandbox.empty()) {
    r.busy = true;
    for (auto& c : r.app)
      if (running(c))
        st->events->record(r.pod, "Normal", "Killing", "Stopping container " + c.name);
    // The pod is being deleted: its logs go with it.
    auto logs = runtime::sandbox_config_for(r.pod, st->log_root.string(), 0).log_directory;
    run_job(self, [rt = st->rt, sandbox = r.sandbox, grace = grace_of(r.pod),
                   uid = r.pod.metadata().uid(), logs] {
      job_outcome out;
      out.what = job_outcome::kind::teardown;
      out.uid = uid;
      (void)rt->stop_pod_sandbox(sandbox, grace);
      (void)rt->remove_pod_sandbox(sandbox);
      std::error_code ec;
      std::filesystem::remove_all(logs, ec);
      return out;
    });
    return;
  }
  auto uid = r.pod.metadata().uid();
  if (r.gone) {
    st->pods.erase(uid);
    return;
  }
  if (r.finished) return;
  // Everything stopped: the final delete (grace 0) removes the pod from the API.
  r.finished = true;
  apiclient::delete_options d;
  d.grace_period_seconds = 0;
  d.precondition_uid = uid;
  auto log = st->log;
  st->client->remove({"", "pods", r.pod.metadata().namespace_(), r.pod.metadata().name()}, d,
                     [log, uid](apiclient::api_reply reply) {
                       if (!reply.ok() && !reply.not_found())
                         log->warn("final delete of pod {}: {}", uid, reply.describe());
                     });
}

void run_probes(caf::event_based_actor* self, const state_ptr& st, pod_record& r,
                container_record& c) {
  const auto* spec = spec_of(r.pod, c);
  if (!spec || !running(c)) return;
  auto now = steady::now();
  struct which {
    const char* name;
    const k8s::core::v1::Probe* probe;
    probe_state* state;
  };
  std::vector<which> due;
  if (spec->has_startupprobe() && !c.started)
    due.push_back({"startup", &spec->startupprobe(), &c.startup});
  if (c.started && spec->has_livenessprobe())
    due.push_back({"liveness", &spec->livenessprobe(), &c.liveness});
  if (c.started && spec->has_readinessprobe())
    due.push_back({"readiness", &spec->readinessprobe(), &c.readiness});
  for (auto& w : due) {
    if (w.state->in_flight) continue;
    if (w.state->next == steady::time_point{}) {
      w.state->next = now + std::chrono::seconds(std::max(0, w.probe->initialdelayseconds()));
    }
    if (now < w.state->next) continue;
    w.state->in_flight = true;
    auto period =
        std::chrono::seconds(w.probe->periodseconds() > 0 ? w.probe->periodseconds() : 10);
    w.state->next = now + period;
    run_job(self, [rt = st->rt, probe = *w.probe, spec = *spec, id = c.id, ip = st->opts.node_ip,
                   uid = r.pod.metadata().uid(), name = c.name, kind = std::string(w.name)] {
      auto result = run_probe(probe, spec, *rt, id, ip);
      job_outcome out;
      out.what = job_outcome::kind::probe;
      out.uid = uid;
      out.container = name;
      out.probe = kind;
      out.probe_ok = result.ok;
      out.message = result.message;
      return out;
    });
  }
}

container_record* find(pod_record& r, const std::string& name, bool init) {
  for (auto& c : init ? r.init : r.app)
    if (c.name == name) return &c;
  return nullptr;
}

void on_probe(caf::event_based_actor* self, const state_ptr& st, pod_record& r, container_record& c,
              const job_outcome& out) {
  const auto* spec = spec_of(r.pod, c);
  if (!spec || !running(c)) return;
  const k8s::core::v1::Probe* probe = out.probe == "liveness"    ? &spec->livenessprobe()
                                      : out.probe == "readiness" ? &spec->readinessprobe()
                                                                 : &spec->startupprobe();
  auto& ps = out.probe == "liveness"    ? c.liveness
             : out.probe == "readiness" ? c.readiness
                                        : c.startup;
  ps.in_flight = false;
  int success_needed = probe->successthreshold() > 0 ? probe->successthreshold() : 1;
  int failure_allowed = probe->failurethreshold() > 0 ? probe->failurethreshold() : 3;
  if (out.probe_ok) {
    ps.failures = 0;
    ++ps.successes;
  } else {
    ps.successes = 0;
    ++ps.failures;
    auto kind = out.probe;
    kind[0] = static_cast<char>(std::toupper(kind[0]));
    st->events->record(r.pod, "Warning", "Unhealthy", kind + " probe failed: " + out.message);
  }
  if (out.probe == "readiness") {
    if (ps.successes >= success_needed) c.ready = true;
    if (ps.failures >= failure_allowed) c.ready = false;
  } else if (out.probe == "startup") {
    if (ps.successes >= 1) c.started = true;
  }
  bool kill = ps.failures >= failure_allowed && out.probe != "readiness";
  if (kill && !r.busy) {
    ps.failures = 0;
    auto why = out.probe == "liveness" ? "failed liveness probe" : "failed startup probe";
    st->events->record(r.pod, "Normal", "Killing",
                       "Container " + c.name + " " + why + ", will be restarted");
    r.busy = true;
    run_job(self, [rt = st->rt, id = c.id, grace = grace_of(r.pod), uid = r.pod.metadata().uid(),
                   name = c.name] {
      (void)rt->stop_container(id, grace);
      job_outcome o;
      o.what = job_outcome::kind::kill;
      o.uid = uid;
      o.container = name;
      return o;
    });
  }
  publish_status(st, r);
}

}  // namespace

void on_pod_change(caf::event_based_actor* self, const state_ptr& st, const Pod& pod,
                   bool deleted) {
  const auto& uid = pod.metadata().uid();
  auto it = st->pods.find(uid);
  if (it == st->pods.end()) {
    if (deleted) return;
    it = st->pods.emplace(uid, make_record(pod, messages::now())).first;
  } else if (!deleted) {
    it->second.pod = pod;
  }
  if (deleted) it->second.gone = true;
  if (st->adopted) sync_pod(self, st, uid);
}

void sync_pod(caf::event_based_actor* self, const state_ptr& st, const std::string& uid) {
  auto it = st->pods.find(uid);
  if (it == st->pods.end()) return;
  auto& r = it->second;
  if (r.busy) return;
  if (r.gone || r.pod.metadata().has_deletiontimestamp()) return tear_down(self, st, r);
  if (r.sandbox.empty()) {
    auto cfg = runtime::sandbox_config_for(r.pod, st->log_root.string(), 0);
    r.busy = true;
    run_job(self, [rt = st->rt, cfg, uid] {
      job_outcome out;
      out.what = job_outcome::kind::sandbox;
      out.uid = uid;
      auto id = rt->run_pod_sandbox(cfg);
      if (id)
        out.sandbox = *id;
      else {
        out.failed = true;
        out.message = id.error().message;
      }
      return out;
    });
    return;
  }
  for (auto& c : r.init) {
    if (exited(c) && c.current->exit_code == 0) continue;  // done
    if (running(c) || !c.can_run) break;
    if (exited(c)) {
      handle_exited(self, st, r, c);
      break;
    }
    start_container(self, st, r, c);
    break;
  }
  bool initialized = true;
  for (auto& c : r.init)
    initialized = initialized && exited(c) && c.current->exit_code == 0;
  if (initialized) {
    for (auto& c : r.app) {
      if (r.busy) break;
      if (!c.can_run || running(c)) continue;
      if (exited(c)) {
        handle_exited(self, st, r, c);
        continue;
      }
      c.waiting_reason = "ContainerCreating";
      start_container(self, st, r, c);
    }
  }
  publish_status(st, r);
}

void on_job_done(caf::event_based_actor* self, const state_ptr& st, job_outcome& out) {
  auto it = st->pods.find(out.uid);
  if (it == st->pods.end()) return;
  auto& r = it->second;
  if (out.what != job_outcome::kind::probe) r.busy = false;
  switch (out.what) {
    case job_outcome::kind::sandbox:
      if (out.failed) st->log->warn("pod {}: sandbox: {}", out.uid, out.message);
      r.sandbox = out.sandbox;
      r.sandbox_ready = !out.failed;
      break;
    case job_outcome::kind::start: {
      auto* c = find(r, out.container, out.init);
      if (!c) break;
      if (out.failed) {
        c->can_run = !out.unsupported;
        c->waiting_reason = out.reason;
        c->waiting_message = out.message;
        break;
      }
      if (c->current) {  // a restart: the old instance becomes lastState
        c->last = c->current;
        ++c->restart_count;
      }
      c->current = out.status;
      c->id = out.status ? out.status->id : "";
      c->attempt = out.attempt;
      const auto* spec = spec_of(r.pod, *c);
      c->started = !(spec && spec->has_startupprobe());
      c->ready = !(spec && spec->has_readinessprobe());
      c->liveness = c->readiness = c->startup = probe_state{};
      st->events->record(r.pod, "Normal", "Created", "Created container " + c->name);
      if (out.reason.empty())
        st->events->record(r.pod, "Normal", "Started", "Started container " + c->name);
      else
        st->events->record(r.pod, "Warning", "Failed", "Error: " + out.message);
      break;
    }
    case job_outcome::kind::teardown:
      r.sandbox.clear();
      r.sandbox_ready = false;
      break;
    case job_outcome::kind::probe:
      if (auto* c = find(r, out.container, false)) on_probe(self, st, r, *c, out);
      return;
    default:
      break;
  }
  sync_pod(self, st, out.uid);
}

void on_container_exit(caf::event_based_actor* self, const state_ptr& st,
                       const std::string& container_id) {
  for (auto& [uid, r] : st->pods)
    for (auto* list : {&r.init, &r.app})
      for (auto& c : *list)
        if (c.id == container_id) {
          auto status = st->rt->inspect_container(container_id);
          if (status) c.current = *status;
          c.ready = false;
          sync_pod(self, st, uid);
          return;
        }
}

void tick_pods(caf::event_based_actor* self, const state_ptr& st) {
  std::vector<std::string> uids;
  for (auto& [uid, r] : st->pods)
    uids.push_back(uid);
  for (const auto& uid : uids) {
    auto it = st->pods.find(uid);
    if (it == st->pods.end()) continue;
    auto& r = it->second;
    if (!r.busy && !r.gone && !r.pod.metadata().has_deletiontimestamp())
      for (auto& c : r.app)
        run_probes(self, st, r, c);
    sync_pod(self, st, uid);
  }
}

}  // namespace kactor::node::agent
