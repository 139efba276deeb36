#pragma once

#include <string>
#include <string_view>

#include "messages/codec/json_path.hpp"
#include "messages/result.hpp"

namespace kactor::messages {

/// The JSON value of a plain (unquoted, untagged) YAML scalar, resolved as Kubernetes'
/// sigs.k8s.io/yaml (its go-yaml v2 fork) resolves it and then writes it as JSON:
/// - y Y yes Yes YES on On ON true True TRUE -> true; the n/no/off/false variants -> false
/// - "" ~ null Null NULL -> null
/// - integers as Go's strconv.ParseInt(s, 0, 64) reads them after removing '_':
///   "0644" -> 420 (octal), "0x1F" -> 31, "0o17" -> 15, "0b101" -> 5, "1_000" -> 1000,
///   then uint64 for larger values
/// - floats matching [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? ("1.5", "1e3",
///   "08"), ".5", .inf/.nan variants; a float Go prints without a fraction or exponent (whole
///   and below 1e21) is an integer in JSON: "1e3" -> 1000, "3.0" -> 3
/// - everything else (timestamps, "1.2.3", "12:30", "0x") -> the string itself.
json resolve_plain_scalar(std::string_view text);

/// The JSON value of a scalar with an explicit tag (the long form yaml-cpp reports, e.g.
/// "tag:yaml.org,2002:int"): !!str and unknown tags give the string, !!int/!!float/!!bool/
/// !!null must resolve to their type (!!float accepts an integer), !!binary is base64-decoded,
/// !!timestamp is kept as a string. Fails with syntax "cannot decode !!str `abc` as a !!int".
result<json> resolve_tagged_scalar(std::string_view tag, std::string_view text);

/// The string a resolved mapping key becomes in JSON: strings as they are, integers in
/// decimal, booleans as "true"/"false", floats as Go's FormatFloat(f, 'g', -1, 32). Null and
/// non-scalar keys cannot be JSON member names: an empty result.
std::string json_key_of(const json& resolved);

}  // namespace kactor::messages
