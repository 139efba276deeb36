#pragma once

#include <string>

// The request bodies bench_gateway sends: JSON as kubectl would POST it.
namespace kactor::bench::gateway {

// A ConfigMap named `name` in `ns` with two labels and 1 KiB of data (the body is ~1.2 KiB).
std::string configmap_json(const std::string& ns, const std::string& name);

// A Pod named `name` in `ns` shaped like one a Deployment's ReplicaSet creates: labels, an
// owner reference, two containers (ports, env, resources, probes, volume mounts), a configMap
// and an emptyDir volume, tolerations and a security context (the body is ~2.5 KiB).
std::string pod_json(const std::string& ns, const std::string& name);

// A Namespace named `name`.
std::string namespace_json(const std::string& name);

}  // namespace kactor::bench::gateway
