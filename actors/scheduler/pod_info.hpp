#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "actors/scheduler/resources.hpp"
#include "k8s/core/v1/pod.pb.h"

namespace kactor::scheduler {

/// A host port a container asks for: hostIP ("0.0.0.0" when unset), protocol ("TCP" when
/// unset) and hostPort (> 0).
struct host_port {
  std::string ip;
  std::string protocol;
  std::int32_t port = 0;

  friend bool operator==(const host_port&, const host_port&) = default;
};

/// True when the two host ports cannot both be bound: same protocol and port, and the same IP
/// or either of them on 0.0.0.0 (every address).
bool ports_conflict(const host_port& a, const host_port& b);

/// A pod with everything the plugins need computed once: its requests, host ports and
/// whether it carries inter-pod (anti-)affinity. Immutable; shared between the snapshot and
/// the scheduler's queue.
struct pod_info {
  std::shared_ptr<const k8s::core::v1::Pod> pod;
  std::string key;  ///< "namespace/name"
  pod_requests requests;
  std::vector<host_port> host_ports;        ///< of app containers, hostPort > 0 only
  std::int32_t priority = 0;                ///< spec.priority, 0 when unset
  bool has_required_affinity = false;       ///< podAffinity required terms
  bool has_required_anti_affinity = false;  ///< podAntiAffinity required terms
  bool has_preferred_pod_affinity = false;  ///< either kind of preferred pod (anti-)affinity

  /// Any pod affinity or anti-affinity term, required or preferred.
  bool has_pod_affinity_terms() const {
    return has_required_affinity || has_required_anti_affinity || has_preferred_pod_affinity;
  }
  /// Terms that count in InterPodAffinity's score when this pod is an existing one: required
  /// affinity (weight 1) or any preferred term. Required anti-affinity only filters.
  bool has_score_terms() const { return has_required_affinity || has_preferred_pod_affinity; }

  const std::string& namespace_name() const { return pod->metadata().namespace_(); }
  const std::string& name() const { return pod->metadata().name(); }
  const k8s::core::v1::PodSpec& spec() const { return pod->spec(); }
};

/// Computes the pod_info of a pod (any pod: assigned or not).
std::shared_ptr<const pod_info> make_pod_info(k8s::core::v1::Pod pod);
/// The same without a copy: the pod_info shares `pod` (e.g. the informer's cached object).
std::shared_ptr<const pod_info> make_pod_info(std::shared_ptr<const k8s::core::v1::Pod> pod);

/// "namespace/name", the key pods are tracked by.
std::string pod_key(std::string_view namespace_name, std::string_view name);

}  // namespace kactor::scheduler
