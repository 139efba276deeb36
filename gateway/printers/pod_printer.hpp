#pragma once

#include <string>

#include "k8s/core/v1/pod.pb.h"
#include "messages/time.hpp"

namespace kactor::printers {

/// What `kubectl get pods` shows of a pod, computed as Kubernetes' pod printer does.
struct pod_summary {
  /// "ready/total": ready app containers (and started restartable init containers, i.e.
  /// sidecars) out of app containers plus sidecars.
  std::string ready;
  /// The STATUS column: the phase or status.reason, refined by container states
  /// ("ContainerCreating", "CrashLoopBackOff", "Completed", "Error", "ExitCode:3",
  /// "Signal:9"), init progress ("Init:0/2", "Init:CrashLoopBackOff", "Init:Error",
  /// "Init:ExitCode:1"), "SchedulingGated", "NotReady", "Terminating" and "Unknown" (a pod
  /// being deleted on a lost node).
  std::string status;
  /// Total restarts, with the age of the latest restart when known: "0", "3 (5m ago)".
  std::string restarts;
};

/// Summarizes `pod` at time `now` (for the restart age).
pod_summary summarize_pod(const k8s::core::v1::Pod& pod, messages::timestamp now);

}  // namespace kactor::printers
