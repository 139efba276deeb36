#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kactor::http {

// One `key=value` item of a query string, both percent-decoded. A bare `key` has value "".
using query_item = std::pair<std::string, std::string>;

// Decodes %XX escapes and, when `plus_is_space`, '+' as ' ' (form encoding, used in query
// strings). A malformed escape ("%4", "%zz") is kept literally, as Go's lenient parsers do
// for paths, so decoding never fails.
std::string percent_decode(std::string_view text, bool plus_is_space);

// Splits `query` (the part after '?', without it) on '&' into decoded items, in order.
// Empty items ("a&&b") are skipped.
std::vector<query_item> parse_query(std::string_view query);

}  // namespace kactor::http
