#pragma once

#include <string_view>

#include "actors/scheduler/cluster_snapshot.hpp"
#include "actors/scheduler/filter_status.hpp"
#include "actors/scheduler/pod_info.hpp"

namespace kactor::scheduler {

/// The reasons the node filters report, worded as kube-scheduler 1.32 words them.
inline constexpr std::string_view reason_node_name = "node(s) didn't match the requested node name";
inline constexpr std::string_view reason_unschedulable = "node(s) were unschedulable";
inline constexpr std::string_view reason_too_many_pods = "Too many pods";
inline constexpr std::string_view reason_node_affinity =
    "node(s) didn't match Pod's node affinity/selector";
inline constexpr std::string_view reason_node_ports =
    "node(s) didn't have free ports for the requested pod ports";

/// The taint that makes a node refuse unschedulable pods unless they tolerate it.
inline constexpr std::string_view unschedulable_taint_key = "node.kubernetes.io/unschedulable";

/// NodeName: fails (unresolvable) when spec.nodeName is set and names another node.
filter_status filter_node_name(const pod_info& pod, const node_info& node);

/// NodeUnschedulable: fails (unresolvable) on a node with spec.unschedulable unless the pod
/// tolerates the taint {node.kubernetes.io/unschedulable, NoSchedule}.
filter_status filter_node_unschedulable(const pod_info& pod, const node_info& node);

/// NodeResourcesFit: "Too many pods" when the node already runs allocatable.pods pods;
/// "Insufficient cpu|memory|ephemeral-storage|<extended resource>" for every requested
/// (non-zero) resource that exceeds allocatable minus what the node's pods request.
/// Unschedulable, or unresolvable when some request exceeds the node's whole allocatable.
filter_status filter_node_resources_fit(const pod_info& pod, const node_info& node);

/// NodeAffinity: nodeSelector and required node affinity (see matches_required_node_affinity);
/// unresolvable.
filter_status filter_node_affinity(const pod_info& pod, const node_info& node);

/// TaintToleration: the first NoSchedule or NoExecute taint the pod does not tolerate gives
/// "node(s) had untolerated taint {key: value}"; unresolvable.
filter_status filter_taint_toleration(const pod_info& pod, const node_info& node);

/// NodePorts: fails (unschedulable) when a host port of the pod conflicts with one in use.
filter_status filter_node_ports(const pod_info& pod, const node_info& node);

}  // namespace kactor::scheduler
