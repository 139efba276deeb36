#pragma once

#include <string>

#include "messages/codec/json_path.hpp"

namespace kactor::patch {

using messages::json;

/// A JSON value as Go's fmt prints the value json.Unmarshal made of it with %v: strings
/// bare, numbers as float64 (%g rules: 80, 1.5, 1e+06), `true`, `<nil>`, arrays as
/// `[a b]`, objects as `map[k1:v1 k2:v2]` with sorted keys. Kubernetes quotes values this
/// way in merge errors.
std::string go_text(const json& value);

/// The Go type json.Unmarshal gives the value: `map[string]interface {}`, `[]interface {}`,
/// `string`, `float64`, `bool`, `<nil>`.
std::string go_type(const json& value);

}  // namespace kactor::patch
