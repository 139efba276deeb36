#pragma once

#include <cstdint>
#include <optional>

#include "k8s/core/v1/pod.pb.h"
#include "messages/time.hpp"

// Pod states as the workload controllers count them.
namespace kactor::controllers {

// Counts toward a controller's replicas: not Succeeded or Failed, and not being deleted
// (no deletionTimestamp).
bool is_pod_active(const k8s::core::v1::Pod& pod);

// Its Ready condition is True.
bool is_pod_ready(const k8s::core::v1::Pod& pod);

// When a ready pod became ready (its Ready condition's lastTransitionTime); nullopt when not
// ready or the time is not set.
std::optional<messages::timestamp> ready_since(const k8s::core::v1::Pod& pod);

// Ready for at least `min_ready_seconds` at `now` (ready is enough when it is 0): what
// availableReplicas counts.
bool is_pod_available(const k8s::core::v1::Pod& pod, std::int32_t min_ready_seconds,
                      messages::timestamp now);

// Sum of the restart counts of its containers.
std::int32_t restart_count(const k8s::core::v1::Pod& pod);

}  // namespace kactor::controllers
