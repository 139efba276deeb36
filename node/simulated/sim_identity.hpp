#pragma once

#include <optional>
#include <string>

#include "k8s/core/v1/node.pb.h"
#include "messages/time.hpp"
#include "node/simulated/sim_options.hpp"

// Who simulated node number i is: its name, addresses and the Node object it registers. Pure
// functions of the options and the index.
namespace kactor::node::simulated {

// The label every simulated node carries, and the key of its NoSchedule taint.
inline constexpr const char* simulated_label = "kactor.io/simulated";

// Most nodes one process simulates (the address plan below has room for this many).
inline constexpr int max_simulated_nodes = 16384;

// "<prefix>-<i>".
std::string node_name(const std::string& prefix, int index);

// The node's InternalIP: 10.(64 + i/256).(i%256).1.
std::string node_ip(int index);

// The IP of a pod in `slot` (1..253, reused when freed) of node `index`:
// 10.(128 + i/256).(i%256).(slot+1): every node has its own /24.
std::string pod_ip(int index, int slot);

// The Node of simulated node `index`: labels (hostname, os, arch, zone, kactor.io/simulated and
// the options' extra labels), the taint when asked, capacity = allocatable from the options,
// addresses, nodeInfo naming the simulated runtime, and the kubelet's four conditions (Ready)
// with heartbeats at `now`.
k8s::core::v1::Node make_sim_node(const simulated_nodes_options& o, int index,
                                  messages::timestamp now);

// True when the Node's Ready condition is True in `node`'s status.
bool reported_ready(const k8s::core::v1::Node& node);

}  // namespace kactor::node::simulated
