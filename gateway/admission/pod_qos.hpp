#pragma once

#include <string>

#include "k8s/core/v1/pod.pb.h"

namespace kactor::admission {

/// The pod's QoS class as Kubernetes computes it from cpu and memory of every container and
/// init container: "BestEffort" when none has a nonzero request or limit; "Guaranteed" when
/// every container limits both and the summed requests equal the summed limits; "Burstable"
/// otherwise. Quantities that do not parse count as absent (validation rejects them).
std::string pod_qos_class(const k8s::core::v1::PodSpec& spec);

}  // namespace kactor::admission
