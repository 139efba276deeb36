#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "k8s/coordination/v1/lease.pb.h"
#include "k8s/core/v1/node.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "messages/time.hpp"

// The node lifecycle controller's decisions as pure functions (kube-controller-manager's
// node-lifecycle and taint-eviction controllers): when a node counts as gone, what its
// conditions and taints become, and when a pod on a tainted node is evicted.
namespace kactor::controllers::nodelifecycle {

using steady = std::chrono::steady_clock;

inline constexpr const char* not_ready_taint = "node.kubernetes.io/not-ready";
inline constexpr const char* unreachable_taint = "node.kubernetes.io/unreachable";

// What the controller remembers per node: the last heartbeat record seen (the node Lease's
// renewTime and the Ready condition's lastHeartbeatTime) and when, by its own clock, it saw it
// change. Staleness is judged by that clock, so node and controller clocks need not agree.
struct heartbeat_observation {
  std::string record;
  steady::time_point seen{};
};

// Updates `obs` from `node` and its `lease` (null when it has none) seen at `now`; true when
// nothing changed for `grace` (the kubelet stopped posting). A node seen for the first time
// starts its clock now.
bool heartbeat_stale(const k8s::core::v1::Node& node, const k8s::coordination::v1::Lease* lease,
                     steady::time_point now, std::chrono::milliseconds grace,
                     heartbeat_observation& obs);

// Sets every kubelet-owned condition (Ready, MemoryPressure, DiskPressure, PIDPressure) that is
// not already Unknown to Unknown, reason NodeStatusUnknown, "Kubelet stopped posting node
// status.", as Kubernetes does; a missing Ready condition is added ("Kubelet never posted node
// status."). True when something changed.
bool mark_status_unknown(k8s::core::v1::Node& node, messages::timestamp now);

// Makes the not-ready / unreachable taints (NoSchedule and NoExecute) follow the Ready
// condition: False -> not-ready, Unknown -> unreachable, True or missing -> neither. Other
// taints and the timeAdded of kept taints stay. True when the taint list changed.
bool reconcile_taints(k8s::core::v1::Node& node, messages::timestamp now);

// When a pod on `node` must be evicted because of the node's NoExecute taints: nullopt when
// every such taint is tolerated forever (or there is none); the taint's timeAdded when one is
// not tolerated at all; else the earliest timeAdded + tolerationSeconds over the taints.
std::optional<messages::timestamp> eviction_time(const k8s::core::v1::Pod& pod,
                                                 const k8s::core::v1::Node& node);

}  // namespace kactor::controllers::nodelifecycle
