#pragma once

#include <string>

#include "k8s/coordination/v1/lease.pb.h"
#include "k8s/core/v1/node.pb.h"
#include "messages/time.hpp"

// The Node a kubelet registers and the status and Lease it keeps posting, as pure functions of
// the machine and the time.
namespace kactor::node::agent {

// What the machine has: online cpus, MemTotal, the root filesystem's size.
struct machine_info {
  int cpus = 1;
  std::int64_t memory_kib = 0;
  std::int64_t ephemeral_bytes = 0;
  std::string kernel;    // uname release
  std::string arch;      // amd64, arm64
  std::string os_image;  // PRETTY_NAME of /etc/os-release
};

machine_info read_machine();

// The Node `name` with labels (kubernetes.io/hostname, os, arch), capacity and allocatable
// (cpu, memory, pods 110, ephemeral-storage), addresses (InternalIP, Hostname), nodeInfo and
// the four kubelet conditions (Ready True, pressures False) with heartbeats at `now`, and the
// kubelet's HTTP port in daemonEndpoints (when not 0).
k8s::core::v1::Node make_node(const std::string& name, const std::string& ip, const machine_info& m,
                              messages::timestamp now, int kubelet_port = 0);

// The node's Lease in kube-node-lease, renewed at `now`.
k8s::coordination::v1::Lease make_lease(const std::string& name, const std::string& node_uid,
                                        int duration_seconds, messages::timestamp now);

}  // namespace kactor::node::agent
