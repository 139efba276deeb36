#pragma once

#include <string_view>
#include <vector>

#include "messages/codec/document.hpp"

namespace kactor::messages {

/// Parses a stream of JSON values (one value, or several separated by whitespace or simply
/// concatenated, as Go's json.Decoder reads them) into documents, recording duplicate members.
/// Errors (syntax) give the position in the whole text:
/// `json: line 3, column 6: syntax error while parsing object separator - unexpected number
/// literal; expected ':'`. An empty stream yields no documents.
result<std::vector<document>> parse_json_stream(std::string_view text);

/// Parses exactly one JSON value; trailing non-blank text is a syntax error.
result<json> parse_json(std::string_view text);

}  // namespace kactor::messages
