#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "gateway/admission/field_error.hpp"
#include "k8s/core/v1/service.pb.h"

namespace kactor::admission {

/// Whether `ip` (dotted IPv4) lies in `cidr` ("10.96.0.0/12"). False for malformed input.
bool ip_in_cidr(std::string_view ip, std::string_view cidr);

/// A free service IP of `cidr`: never the network address, never network+1 (the
/// `kubernetes` service's), never the broadcast address, never one in `used`. The first
/// candidate is derived from `seed`, then the range is probed linearly (wrapping). Nullopt
/// when the range is full or `cidr` is malformed. Pure: the caller owns the used set.
std::optional<std::string> allocate_cluster_ip(const std::set<std::string>& used,
                                               std::string_view cidr, std::uint64_t seed);

/// A free node port in [lo, hi] not in `used`, first candidate from `seed`, linear probe.
/// Nullopt when all are used.
std::optional<int> allocate_node_port(const std::set<int>& used, std::uint64_t seed, int lo = 30000,
                                      int hi = 32767);

/// What the service REST layer does on create: unless ExternalName or headless, a requested
/// clusterIP must be in `cidr` and free, else one is allocated; clusterIPs mirrors it. For
/// NodePort, and LoadBalancer with allocateLoadBalancerNodePorts, each port's requested
/// nodePort must be in range and free, else one is allocated; a LoadBalancer with
/// externalTrafficPolicy Local gets a healthCheckNodePort. Errors (the service is then
/// unchanged in what failed): `spec.clusterIPs: Invalid value: []string{"1.2.3.4"}: failed to
/// allocate IP 1.2.3.4: provided IP (1.2.3.4) is not in the valid range. The range of valid
/// IPs is 10.96.0.0/12`, `... provided IP is already allocated`,
/// `spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated`,
/// `... provided port is not in the valid range. The range of valid ports is 30000-32767`,
/// and type InternalError `failed to allocate a serviceIP: range is full` (HTTP 500 upstream).
/// Allocated values are added to the used sets.
field_errors allocate_service_addresses(k8s::core::v1::Service& svc,
                                        std::set<std::string>& used_ips, std::set<int>& used_ports,
                                        std::string_view cidr, std::uint64_t seed,
                                        int port_lo = 30000, int port_hi = 32767);

/// On update, values the client left empty keep what was allocated (Kubernetes'
/// patchAllocatedValues): clusterIP/clusterIPs, each port's nodePort (matched by port name,
/// else by index) and healthCheckNodePort, when the type still needs them.
void carry_allocated_values(k8s::core::v1::Service& svc, const k8s::core::v1::Service& old);

}  // namespace kactor::admission
