#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Query parameter values as Kubernetes reads them.
namespace kactor::rest {

// Go's strconv.ParseBool truths ("1", "t", "T", "true", "True", "TRUE"); absent or anything
// else is false. kubectl sends `true`, the Python client `True`.
bool query_true(const std::optional<std::string>& value);

// A non-negative decimal integer (resourceVersion, limit, timeoutSeconds); nullopt otherwise.
std::optional<std::uint64_t> parse_unsigned(std::string_view text);

}  // namespace kactor::rest
