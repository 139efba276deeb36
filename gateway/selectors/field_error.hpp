#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kactor::selectors {

/// `text` quoted as Go's strconv.Quote does: "a\"b", control bytes as \n \t \x01, invalid
/// UTF-8 bytes as \xff; valid UTF-8 is kept.
std::string go_quote(std::string_view text);

/// A list of strings as Go's %#v prints a []string: `[]string{"a", "b"}`, `[]string{}`,
/// and `[]string(nil)` when `nil` (a nil slice).
std::string go_string_slice(const std::vector<std::string>& values, bool nil = false);

/// Kubernetes' field.Invalid(...).Error() text: `<path>: Invalid value: <value>: <detail>`.
/// `value` is already formatted (go_quote of a string, go_string_slice of a list).
std::string invalid_value(std::string_view path, std::string_view value, std::string_view detail);

/// Kubernetes' aggregate error text: the one message alone, or `[m1, m2]` for several
/// (duplicates dropped); "" for none.
std::string aggregate(const std::vector<std::string>& messages);

}  // namespace kactor::selectors
