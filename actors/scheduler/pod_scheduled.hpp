#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "k8s/core/v1/pod.pb.h"
#include "messages/time.hpp"

namespace kactor::scheduler {

/// The body of a strategic merge patch of a pod's status subresource that sets its
/// PodScheduled condition to False, reason "Unschedulable", with `message` (the
/// FailedScheduling text), as kube-scheduler does for a pod that fits nowhere:
///
///     {"status":{"conditions":[{"type":"PodScheduled","status":"False",
///       "reason":"Unschedulable","message":"0/2 nodes are available: ...",
///       "lastProbeTime":null,"lastTransitionTime":"2026-11-23T22:00:00Z"}]}}
///
/// lastTransitionTime is kept when the pod's condition already had status False, else it is
/// `now`. nullopt when the pod already carries exactly this condition (nothing to write).
std::optional<std::string> unschedulable_condition_patch(const k8s::core::v1::Pod& pod,
                                                         std::string_view message,
                                                         messages::timestamp now);

}  // namespace kactor::scheduler
