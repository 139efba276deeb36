#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kactor::selectors {

/// Why `key` is not a valid label key (Kubernetes' IsQualifiedName): an optional DNS-1123
/// subdomain prefix and '/', then a name of 1-63 characters
/// `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`. Empty when valid; otherwise Kubernetes' messages,
/// e.g. `name part must be no more than 63 characters`, `prefix part a lowercase RFC 1123 subdomain
/// must consist of ...`.
std::vector<std::string> label_key_errors(std::string_view key);

/// Why `value` is not a valid label value (IsValidLabelValue): empty, or at most 63 characters
/// of the name pattern above. Empty when valid.
std::vector<std::string> label_value_errors(std::string_view value);

/// Both lists joined with "; " as Kubernetes puts them into one field error.
std::string join_errors(const std::vector<std::string>& errors);

}  // namespace kactor::selectors
