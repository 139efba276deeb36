#pragma once

#include <string>

#include "k8s/core/v1/container.pb.h"
#include "k8s/core/v1/probe.pb.h"
#include "node/runtime/runtime.hpp"

// Running one liveness, readiness or startup probe: blocking (call it from a worker thread).
namespace kactor::node::agent {

struct probe_result {
  bool ok = false;
  std::string message;  // why it failed, as Kubernetes words it in the Unhealthy event
};

// exec: the command in the container (exit code 0 passes); httpGet: a GET with a 2xx or 3xx
// answer passes; tcpSocket: a connection passes. Ports are numbers or the container's named
// ports; the host defaults to `host_ip`. gRPC probes are reported as failing (unsupported).
probe_result run_probe(const k8s::core::v1::Probe& probe, const k8s::core::v1::Container& spec,
                       runtime::runtime& rt, const runtime::container_id& id,
                       const std::string& host_ip);

}  // namespace kactor::node::agent
