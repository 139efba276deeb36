#pragma once

#include <string>

#include <google/protobuf/message.h>

namespace kactor::messages {

class registry;

/// The text of `to_json(message).dump()`, written straight into a string without building
/// the JSON tree: the same members in the same order, the same escapes (nlohmann's compact
/// dump: `"` `\` \b \f \n \r \t as two-character escapes, other control characters as
/// \u00xx, everything else as is) and the same numbers. A string that is not valid UTF-8
/// makes it fall back to the tree (whose dump then throws as before). The hot path of every
/// answer that carries an object.
std::string to_json_text(const google::protobuf::Message& message);

/// The text of `to_json_object(message, types).dump()`: "kind" and "apiVersion" first when
/// the registry knows the type, then the members.
std::string to_json_object_text(const google::protobuf::Message& message, const registry& types);

/// Appends `text` as a JSON string literal (quotes included) with nlohmann's escapes. Returns
/// false (and appends nothing) when `text` is not valid UTF-8.
bool append_json_string(std::string& out, std::string_view text);

}  // namespace kactor::messages
