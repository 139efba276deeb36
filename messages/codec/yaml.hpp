#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "messages/codec/document.hpp"

namespace kactor::messages {

/// Parses a YAML stream ("---"-separated documents) into the JSON model with the scalar rules
/// of resolve_plain_scalar (quoted and block scalars are strings), recording the line of every
/// node. Mapping keys become strings (json_key_of); a null or collection key is an error.
/// Duplicate keys are recorded in document::duplicate_fields and the later value wins.
/// Empty documents are skipped (but counted in document::index). Errors (syntax):
/// `yaml: line 5, column 3: illegal map value`; anchors and aliases are expanded, merge keys
/// ("<<") are not supported and stay ordinary keys.
result<std::vector<document>> parse_yaml(std::string_view text);

/// Writes the JSON model as block-style YAML. Strings that would read back as another type
/// ("true", "123", "1e3", "") or that need escapes are double-quoted; multi-line strings use
/// a literal block. Member order is kept.
std::string to_yaml(const json& value);

}  // namespace kactor::messages
