#include "gateway/printers/pod_printer.hpp"

#include "gateway/printers/age.hpp"
#include "gateway/printers/cells.hpp"

namespace kactor::printers {
namespace {

using k8s::core::v1::ContainerStatus;
using k8s::core::v1::Pod;

bool is_sidecar(const k8s::core::v1::Container* c) {
  return c != nullptr && c->has_restartpolicy() && c->restartpolicy() == "Always";
}

bool condition_true(const k8s::core::v1::PodStatus& status, std::string_view type) {
  for (const auto& c : status.conditions()) {
    if (c.type() == type) return c.status() == "True";
  }
  return false;
}

// The latest finishedAt of the containers' previous terminations.
struct restart_tally {
  int count = 0;
  messages::timestamp last{};
  void add(const ContainerStatus& s) {
    count += s.restartcount();
    if (s.laststate().has_terminated()) {
      auto finished = messages::from_time(s.laststate().terminated().finishedat());
      if (last < finished) last = finished;
    }
  }
};

std::string terminated_reason(const k8s::core::v1::ContainerStateTerminated& t,
                              std::string_view prefix) {
  if (!t.reason().empty()) return std::string(prefix) + t.reason();
  if (t.signal() != 0) return std::string(prefix) + "Signal:" + std::to_string(t.signal());
  return std::string(prefix) + "ExitCode:" + std::to_string(t.exitcode());
}

// Walks the init containers in order; returns true while initialization is still running
// (or failed), after setting `reason` to what blocks it.
bool init_progress(const Pod& pod, std::string& reason, int& ready, restart_tally& all,
                   restart_tally& sidecars) {
  const auto& spec = pod.spec();
  auto find_init = [&](const std::string& name) -> const k8s::core::v1::Container* {
    for (const auto& c : spec.initcontainers()) {
      if (c.name() == name) return &c;
    }
    return nullptr;
  };
  const auto& statuses = pod.status().initcontainerstatuses();
  for (int i = 0; i < statuses.size(); ++i) {
    const auto& s = statuses[i];
    all.add(s);
    bool sidecar = is_sidecar(find_init(s.name()));
    if (sidecar) sidecars.add(s);
    const auto& state = s.state();
    if (state.has_terminated() && state.terminated().exitcode() == 0) continue;
    if (sidecar && s.has_started() && s.started()) {
      if (s.ready()) ++ready;
      continue;
    }
    if (state.has_terminated()) {
      reason = terminated_reason(state.terminated(), "Init:");
    } else if (state.has_waiting() && !state.waiting().reason().empty() &&
               state.waiting().reason() != "PodInitializing") {
      reason = "Init:" + state.waiting().reason();
    } else {
      reason = "Init:" + std::to_string(i) + "/" + std::to_string(spec.initcontainers_size());
    }
    return true;
  }
  return false;
}

// Walks the app containers from the last to the first, so the first container's state
// decides `reason`; counts ready ones. Returns whether a ready container runs.
bool app_progress(const k8s::core::v1::PodStatus& status, std::string& reason, int& ready,
                  restart_tally& restarts) {
  bool has_running = false;
  const auto& statuses = status.containerstatuses();
  for (int i = statuses.size() - 1; i >= 0; --i) {
    const auto& s = statuses[i];
    restarts.add(s);
    const auto& state = s.state();
    if (state.has_waiting() && !state.waiting().reason().empty()) {
      reason = state.waiting().reason();
    } else if (state.has_terminated()) {
      reason = terminated_reason(state.terminated(), "");
    } else if (s.ready() && state.has_running()) {
      has_running = true;
      ++ready;
    }
  }
  return has_running;
}

}  // namespace

pod_summary summarize_pod(const Pod& pod, messages::timestamp now) {
  const auto& status = pod.status();
  int total = pod.spec().containers_size();
  for (const auto& c : pod.spec().initcontainers()) {
    if (is_sidecar(&c)) ++total;
  }
  int ready = 0;
  std::string reason = status.reason().empty() ? status.phase() : status.reason();
  for (const auto& c : status.conditions()) {
    if (c.type() == "PodScheduled" && c.reason() == "SchedulingGated") reason = "SchedulingGated";
  }

  restart_tally all;
  restart_tally sidecars;
  bool initializing = init_progress(pod, reason, ready, all, sidecars);
  restart_tally shown = all;
  if (!initializing || condition_true(status, "Initialized")) {
    // Once initialized, only sidecar restarts count besides the app containers'.
    shown = sidecars;
    bool has_running = app_progress(status, reason, ready, shown);
    // A completed container beside a running one: the pod still runs.
    if (reason == "Completed" && has_running) {
      reason = condition_true(status, "Ready") ? "Running" : "NotReady";
    }
  }

  if (pod.metadata().has_deletiontimestamp()) {
    if (status.reason() == "NodeLost") {
      reason = "Unknown";
    } else if (status.phase() != "Succeeded" && status.phase() != "Failed") {
      reason = "Terminating";
    }
  }

  std::string restarts = std::to_string(shown.count);
  if (shown.count != 0 && shown.last != messages::timestamp{}) {
    k8s::meta::v1::Time last;
    last.set_seconds(shown.last.seconds);
    last.set_nanos(shown.last.nanos);
    restarts += " (" + age(last, now) + " ago)";
  }
  return {std::to_string(ready) + "/" + std::to_string(total), std::move(reason),
          std::move(restarts)};
}

namespace {

void pod_row(const google::protobuf::Message& object, const print_context& context,
             row_output& out) {
  typed<Pod> pod(object);
  auto summary = summarize_pod(*pod, context.now);
  const auto& status = pod->status();
  out.cells.push_back(pod->metadata().name());
  out.cells.push_back(std::move(summary.ready));
  out.cells.push_back(std::move(summary.status));
  out.cells.push_back(std::move(summary.restarts));
  out.cells.push_back(age_of(object, context));
  std::string ip = status.podips_size() > 0 ? status.podips(0).ip() : status.podip();
  out.cells.push_back(or_none(std::move(ip)));
  out.cells.push_back(or_none(pod->spec().nodename()));
  out.cells.push_back(or_none(status.nominatednodename()));
  const auto& gates = pod->spec().readinessgates();
  if (gates.empty()) {
    out.cells.push_back("<none>");
  } else {
    int passed = 0;
    for (const auto& gate : gates) {
      for (const auto& c : status.conditions()) {
        if (c.type() == gate.conditiontype()) {
          if (c.status() == "True") ++passed;
          break;
        }
      }
    }
    out.cells.push_back(std::to_string(passed) + "/" + std::to_string(gates.size()));
  }
  // Finished pods carry a Completed row condition (kubectl may hide such rows).
  if (status.phase() == "Succeeded" || status.phase() == "Failed") {
    bool ok = status.phase() == "Succeeded";
    out.conditions.push_back(
        {{"type", "Completed"},
         {"status", "True"},
         {"reason", status.phase()},
         {"message", ok ? "The pod has completed successfully." : "The pod failed."}});
  }
}

void pod_template_row(const google::protobuf::Message& object, const print_context&,
                      row_output& out) {
  typed<k8s::core::v1::PodTemplate> t(object);
  out.cells.push_back(t->metadata().name());
  append_container_cells(t->template_().spec(), out);
  out.cells.push_back(format_labels(t->template_().metadata().labels()));
}

}  // namespace

void add_pod_printers(printer_map& printers) {
  printers["k8s.core.v1.Pod"] = {
      {name_column,
       {"Ready", "string", "", "Ready containers out of all containers of the pod.", 0},
       {"Status", "string", "", "The phase of the pod, or what keeps it from running.", 0},
       {"Restarts", "string", "",
        "How often the containers of this pod restarted, and when the last restart was.", 0},
       age_column,
       {"IP", "string", "", "The IP address the pod is reachable at.", 1},
       {"Node", "string", "", "The node the pod is bound to.", 1},
       {"Nominated Node", "string", "",
        "The node preemption made room on, where the pod may be scheduled.", 1},
       {"Readiness Gates", "string", "", "How many of the pod's readiness gates are satisfied.",
        1}},
      pod_row};
  printers["k8s.core.v1.PodTemplate"] = {
      {name_column,
       {"Containers", "string", "", "The names of the containers of the pod template.", 0},
       {"Images", "string", "", "The images of the containers of the pod template.", 0},
       {"Pod Labels", "string", "", "The labels of the pods made from the template.", 0}},
      pod_template_row};
}

}  // namespace kactor::printers
