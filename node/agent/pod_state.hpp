#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "k8s/core/v1/pod.pb.h"
#include "messages/time.hpp"
#include "node/runtime/types.hpp"

// What the kubelet knows about one pod and its containers, and the pod status it reports,
// computed from that as pure functions (kubelet_status.cpp in Kubernetes' terms).
namespace kactor::node::agent {

using steady = std::chrono::steady_clock;

struct probe_state {
  int successes = 0;
  int failures = 0;
  bool in_flight = false;
  steady::time_point next{};
};

struct container_record {
  std::string name;
  bool init = false;
  std::string id;                                    // the current instance; "" for none
  std::optional<runtime::container_status> current;  // as last inspected
  std::optional<runtime::container_status> last;     // the previous, terminated instance
  std::uint32_t attempt = 0;                         // of the current instance
  int restart_count = 0;
  std::string waiting_reason = "ContainerCreating";  // shown while there is no running instance
  std::string waiting_message;
  bool can_run = true;              // false: the image or config can never run here
  steady::time_point retry_at{};    // CrashLoopBackOff: no restart before this
  std::chrono::seconds backoff{0};  // the last back-off delay
  bool started = false;             // the startup probe passed (or there is none)
  bool ready = false;               // the readiness probe passed (or there is none)
  probe_state liveness, readiness, startup;
};

struct pod_record {
  k8s::core::v1::Pod pod;  // as last seen in the API
  std::string sandbox;     // "" until created
  bool sandbox_ready = false;
  bool busy = false;      // a runtime job for this pod is in flight
  bool gone = false;      // the API no longer has the pod: tear down, then forget
  bool finished = false;  // torn down after deletion: only the final API delete remains
  std::vector<container_record> init;
  std::vector<container_record> app;
  messages::timestamp start_time{};
  std::string last_status;  // serialized status last sent
};

// The record of a pod seen for the first time (containers from its spec).
pod_record make_record(const k8s::core::v1::Pod& pod, messages::timestamp now);

// True when the container's current instance runs.
bool running(const container_record& c);
// True when it exited (and is not running again).
bool exited(const container_record& c);

// Whether an exited container restarts under the pod's restartPolicy (init containers follow
// OnFailure when the policy is Always).
bool should_restart(const k8s::core::v1::Pod& pod, const container_record& c);

// Kubernetes' CrashLoopBackOff delay after `restarts` restarts: 10 s doubling, at most 5 min
// (`initial`, `max` configurable for tests).
std::chrono::seconds crash_backoff(int restarts, std::chrono::seconds initial,
                                   std::chrono::seconds max);

// The pod status the kubelet reports: phase, conditions (keeping the scheduler's
// PodScheduled), host and pod IPs, start time, init and app container statuses, as Kubernetes
// writes them so `kubectl get pods` shows the same STATUS words.
k8s::core::v1::PodStatus compute_status(const pod_record& r, const std::string& node_ip,
                                        messages::timestamp now);

}  // namespace kactor::node::agent
