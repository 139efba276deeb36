#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "k8s/core/v1/pod.pb.h"
#include "messages/time.hpp"
#include "node/agent/pod_state.hpp"
#include "node/simulated/sim_behaviour.hpp"

// One simulated pod: the kubelet's own record of a pod (node/agent/pod_state.hpp), driven by
// the simulation instead of a runtime, so its status is computed exactly as a real kubelet's.
// Pure functions; the node actor (sim_node.cpp) owns the timers.
namespace kactor::node::simulated {

enum class next_step {
  none,     // nothing scheduled
  start,    // start the containers (after the start delay)
  exit,     // the containers exit (run-for elapsed)
  restart,  // restart the exited containers (back-off elapsed)
};

struct sim_pod {
  agent::pod_record record;
  pod_behaviour behaviour;
  int slot = 0;  // pod IP slot on its node; 0 = none (host network or finished)
  next_step next = next_step::none;
  std::uint64_t timer = 0;  // the current timer's number: older timers are stale
  bool deleting = false;    // the final delete was sent
};

// The first sight of `pod` on its node.
sim_pod make_sim_pod(const k8s::core::v1::Pod& pod, messages::timestamp now);

// True when the pod's phase in the API is Succeeded or Failed: nothing runs any more.
bool terminal(const k8s::core::v1::Pod& pod);

// The sandbox is ready; init containers ran to completion; app containers run since `now`
// (attempt = their restart count), ready and started.
void start_containers(sim_pod& p, messages::timestamp now);

// The running app containers exit with `code` at `now`. Returns true when one of them restarts
// under the pod's restartPolicy: it is then waiting in CrashLoopBackOff with the back-off its
// restart count earns (the delay is returned through `backoff`).
bool exit_containers(sim_pod& p, int code, messages::timestamp now, std::chrono::seconds initial,
                     std::chrono::seconds max, std::chrono::seconds& backoff);

// Starts the exited containers that restart again (restart count + 1), the exited instance
// becoming lastState.
void restart_containers(sim_pod& p, messages::timestamp now);

// The status a kubelet would report: agent::compute_status with the node's IP as hostIP, the
// pod's own IP (the node's for hostNetwork pods) and "sim://" container ids.
k8s::core::v1::PodStatus sim_status(const sim_pod& p, const std::string& host_ip,
                                    const std::string& pod_ip, messages::timestamp now);

}  // namespace kactor::node::simulated
