#pragma once

#include <cstdint>
#include <string>

#include "k8s/util/intstr.pb.h"
#include "messages/result.hpp"

namespace kactor::messages {

/// An IntOrString holding the integer `value` (type 0).
k8s::util::IntOrString make_int_or_string(std::int32_t value);

/// An IntOrString holding the string `value` (type 1), e.g. "25%" or a port name "http".
k8s::util::IntOrString make_int_or_string(std::string value);

/// True when `v` holds a string (type 1).
bool holds_string(const k8s::util::IntOrString& v);

/// The amount `v` stands for out of `total`, as Deployment maxSurge/maxUnavailable and
/// PodDisruptionBudget minAvailable need it: an integer is returned as is; a percentage
/// "25%" is total * 25 / 100, rounded up when `round_up`, else down. Worked example:
/// total 10, "25%": 2.5 -> 3 (up, maxSurge) or 2 (down, maxUnavailable).
/// Fails with invalid_value when the string is not an integer percentage, or on overflow.
result<std::int32_t> scaled_value(const k8s::util::IntOrString& v, std::int32_t total,
                                  bool round_up);

}  // namespace kactor::messages
