#include "gateway/selectors/label_validation.hpp"

namespace kactor::selectors {
namespace {

constexpr std::size_t max_name_length = 63;
constexpr std::size_t max_subdomain_length = 253;

constexpr std::string_view name_pattern = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
constexpr std::string_view name_message =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character";
constexpr std::string_view value_message =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character";
constexpr std::string_view subdomain_pattern =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
constexpr std::string_view subdomain_message =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character";

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Matches ^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$.
bool matches_name(std::string_view s) {
  if (s.empty() || !is_alnum(s.front()) || !is_alnum(s.back())) return false;
  for (char c : s) {
    if (!is_alnum(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

// Matches one RFC 1123 label: [a-z0-9]([-a-z0-9]*[a-z0-9])?
bool matches_dns_label(std::string_view s) {
  if (s.empty() || !is_lower_alnum(s.front()) || !is_lower_alnum(s.back())) return false;
  for (char c : s) {
    if (!is_lower_alnum(c) && c != '-') return false;
  }
  return true;
}

bool matches_subdomain(std::string_view s) {
  while (true) {
    auto dot = s.find('.');
    if (!matches_dns_label(s.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    s.remove_prefix(dot + 1);
  }
}

// Kubernetes' RegexError: the message, examples and the pattern.
std::string regex_error(std::string_view message, std::string_view pattern,
                        std::initializer_list<std::string_view> examples) {
  std::string out(message);
  out += " (e.g. ";
  bool first = true;
  for (auto example : examples) {
    if (!first) out += " or ";
    first = false;
    out.append("'").append(example).append("', ");
  }
  out.append("regex used for validation is '").append(pattern).append("')");
  return out;
}

std::string max_length_error(std::size_t n) {
  return "must be no more than " + std::to_string(n) + " characters";
}

}  // namespace

std::vector<std::string> label_key_errors(std::string_view key) {
  std::vector<std::string> errors;
  auto slash = key.find('/');
  std::string_view name = key;
  if (slash != std::string_view::npos) {
    if (key.find('/', slash + 1) != std::string_view::npos) {
      errors.push_back(
          "a qualified name " +
          regex_error(name_message, name_pattern, {"MyName", "my.name", "123-abc"}) +
          " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errors;
    }
    auto prefix = key.substr(0, slash);
    name = key.substr(slash + 1);
    if (prefix.empty()) {
      errors.push_back("prefix part must be non-empty");
    } else {
      if (prefix.size() > max_subdomain_length) {
        errors.push_back("prefix part " + max_length_error(max_subdomain_length));
      }
      if (!matches_subdomain(prefix)) {
        errors.push_back("prefix part " +
                         regex_error(subdomain_message, subdomain_pattern, {"example.com"}));
      }
    }
  }
  if (name.empty()) {
    errors.push_back("name part must be non-empty");
  } else if (name.size() > max_name_length) {
    errors.push_back("name part " + max_length_error(max_name_length));
  }
  if (!matches_name(name)) {
    errors.push_back("name part " +
                     regex_error(name_message, name_pattern, {"MyName", "my.name", "123-abc"}));
  }
  return errors;
}

std::vector<std::string> label_value_errors(std::string_view value) {
  std::vector<std::string> errors;
  if (value.size() > max_name_length) errors.push_back(max_length_error(max_name_length));
  if (!value.empty() && !matches_name(value)) {
    errors.push_back(regex_error(value_message, "(" + std::string(name_pattern) + ")?",
                                 {"MyValue", "my_value", "12345"}));
  }
  return errors;
}

std::string join_errors(const std::vector<std::string>& errors) {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += "; ";
    out += e;
  }
  return out;
}

}  // namespace kactor::selectors
