#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/selectors/selector_result.hpp"

namespace kactor::selectors {

/// One term of a field selector: `field=value` (also written `field==value`) or
/// `field!=value`. `value` is unescaped (`\,` `\=` `\\` in the text).
struct field_term {
  std::string field;
  bool negated = false;
  std::string value;
  friend bool operator==(const field_term&, const field_term&) = default;
};

/// A parsed `fieldSelector`: the AND of its terms, in Kubernetes' order (sorted by the
/// terms' text). It says nothing yet about which fields exist: bind it to a kind with
/// bind_field_selector (field_matcher.hpp) to evaluate it. The default selects everything.
class field_selector {
 public:
  field_selector() = default;
  explicit field_selector(std::vector<field_term> terms) : terms_(std::move(terms)) {}

  const std::vector<field_term>& terms() const { return terms_; }
  bool empty() const { return terms_.empty(); }

  /// The value `field` must equal if some term pins it (`metadata.name=x`): lets the
  /// gateway turn a list into a get, or pick a node-scoped index.
  std::optional<std::string_view> exact_match(std::string_view field) const;

  /// Kubernetes' String(): `a=b,c!=d` with values escaped again.
  std::string to_string() const;

 private:
  std::vector<field_term> terms_;
};

/// Parses a `fieldSelector` as Kubernetes' fields.ParseSelector: comma-separated terms
/// (a backslash escapes a comma), each split at its first `!=`, `==` or `=`; empty terms are
/// skipped; "" selects everything. Errors, with the byte offset of the offending term:
/// `invalid selector: 'a'; can't understand 'a'`, `invalid field selector: invalid escape
/// sequence: \x`, `invalid field selector: unescaped character in value: 61` (Go prints the
/// rune's number).
result<field_selector> parse_field_selector(std::string_view text);

/// Escapes `\`, `,` and `=` in a value so it can be written into a selector.
std::string escape_field_value(std::string_view value);

}  // namespace kactor::selectors
