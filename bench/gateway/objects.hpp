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

// The pod_json pod as a kubelet PUTs it to pods/status: status Running with conditions, IPs
// and two container statuses whose restartCount is `restarts` (so each write changes it).
std::string pod_status_json(const std::string& ns, const std::string& name, int restarts);

// A Binding of pod `name` to node `node`, as the scheduler POSTs it to pods/binding.
std::string binding_json(const std::string& ns, const std::string& name, const std::string& node);

// A coordination.k8s.io/v1 Lease `name` held by `name`, renewed at second `renew` past
// 2026-01-01T00:00:00Z (each renewal changes spec.renewTime).
std::string lease_json(const std::string& ns, const std::string& name, long renew);

// A Namespace named `name`.
std::string namespace_json(const std::string& name);

}  // namespace kactor::bench::gateway
