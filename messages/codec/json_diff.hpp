#pragma once

#include <string>
#include <vector>

#include "messages/codec/json_path.hpp"

namespace kactor::messages {

/// Where `a` and `b` differ as data, one line per difference with its JSON path:
/// `spec.replicas: 3 != "3"`, `metadata.uid: only on the left`. Object members are compared
/// regardless of order, numbers by value (1 == 1.0 == 1u), everything else exactly.
/// Empty when the two are equal as data.
std::vector<std::string> json_differences(const json& a, const json& b);

}  // namespace kactor::messages
