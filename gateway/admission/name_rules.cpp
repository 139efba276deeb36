#include "gateway/admission/name_rules.hpp"

#include <cstdint>

namespace kactor::admission {
namespace {

constexpr std::size_t label_max = 63;
constexpr std::size_t subdomain_max = 253;

bool lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// [a-z0-9]([-a-z0-9]*[a-z0-9])?
bool is_label(std::string_view s) {
  if (s.empty() || !lower_alnum(s.front()) || !lower_alnum(s.back())) return false;
  for (char c : s)
    if (!lower_alnum(c) && c != '-') return false;
  return true;
}

bool is_subdomain(std::string_view s) {
  while (true) {
    auto dot = s.find('.');
    if (!is_label(s.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    s.remove_prefix(dot + 1);
  }
}

std::string max_len(std::size_t n) {
  return "must be no more than " + std::to_string(n) + " characters";
}

// Kubernetes' RegexError text: message, examples, pattern.
std::string regex_error(std::string_view message, std::string_view pattern,
                        std::initializer_list<std::string_view> examples) {
  std::string out(message);
  out += " (e.g. ";
  bool first = true;
  for (auto e : examples) {
    if (!first) out += " or ";
    first = false;
    out.append("'").append(e).append("', ");
  }
  return out.append("regex used for validation is '").append(pattern).append("')");
}

constexpr std::string_view label_pattern = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

std::vector<std::string> chdir_prefix_errors(std::string_view value) {
  if (value == ".") return {"must not be '.'"};
  if (value == "..") return {"must not be '..'"};
  if (value.substr(0, 2) == "..") return {"must not start with '..'"};
  return {};
}

// A generateName may end in '-': validate it as if the dash were a letter.
std::string mask_trailing_dash(std::string_view name) {
  std::string out(name);
  if (out.size() > 1 && out.back() == '-') out = out.substr(0, out.size() - 2) + "a";
  return out;
}

}  // namespace

std::string inclusive_range_error(std::int64_t lo, std::int64_t hi) {
  return "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", inclusive";
}

std::vector<std::string> dns1123_label_errors(std::string_view value) {
  std::vector<std::string> errors;
  if (value.size() > label_max) errors.push_back(max_len(label_max));
  if (!is_label(value)) {
    if (is_subdomain(value)) {
      errors.push_back("must not contain dots");
    } else {
      errors.push_back(regex_error(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
          "and must start and end with an alphanumeric character",
          label_pattern, {"my-name", "123-abc"}));
    }
  }
  return errors;
}

std::vector<std::string> dns1123_subdomain_errors(std::string_view value) {
  std::vector<std::string> errors;
  if (value.size() > subdomain_max) errors.push_back(max_len(subdomain_max));
  if (!is_subdomain(value)) {
    errors.push_back(regex_error(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' "
        "or '.', and must start and end with an alphanumeric character",
        "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", {"example.com"}));
  }
  return errors;
}

std::vector<std::string> dns1035_label_errors(std::string_view value) {
  std::vector<std::string> errors;
  if (value.size() > label_max) errors.push_back(max_len(label_max));
  bool ok = is_label(value) && !digit(value.front());
  if (!ok) {
    errors.push_back(regex_error(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with "
        "an alphabetic character, and end with an alphanumeric character",
        "[a-z]([-a-z0-9]*[a-z0-9])?", {"my-name", "abc-123"}));
  }
  return errors;
}

std::vector<std::string> config_map_key_errors(std::string_view value) {
  std::vector<std::string> errors;
  if (value.size() > subdomain_max) errors.push_back(max_len(subdomain_max));
  bool ok = !value.empty();
  for (char c : value)
    if (!alpha(c) && !digit(c) && c != '-' && c != '.' && c != '_') ok = false;
  if (!ok) {
    errors.push_back(
        regex_error("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                    "[-._a-zA-Z0-9]+", {"key.name", "KEY_NAME", "key-name"}));
  }
  for (auto& e : chdir_prefix_errors(value))
    errors.push_back(std::move(e));
  return errors;
}

std::vector<std::string> port_name_errors(std::string_view value) {
  std::vector<std::string> errors;
  if (value.size() > 15) errors.push_back(max_len(15));
  bool chars_ok = true;
  bool has_letter = false;
  for (char c : value) {
    if (!lower_alnum(c) && c != '-') chars_ok = false;
    if (c >= 'a' && c <= 'z') has_letter = true;
  }
  if (!chars_ok)
    errors.push_back("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!has_letter) errors.push_back("must contain at least one letter (a-z)");
  if (value.find("--") != std::string_view::npos)
    errors.push_back("must not contain consecutive hyphens");
  if (!value.empty() && (value.front() == '-' || value.back() == '-'))
    errors.push_back("must not begin or end with a hyphen");
  return errors;
}

std::vector<std::string> env_var_name_errors(std::string_view value) {
  // RelaxedEnvironmentVariableValidation is on by default in 1.32.
  std::vector<std::string> errors;
  if (value.empty()) errors.push_back("environment variable name must be non-empty");
  for (char c : value) {
    if (c < 32 || c > 126 || c == '=') {
      errors.push_back(
          "a valid environment variable name must consist only of printable ASCII characters "
          "other than '='");
      break;
    }
  }
  return errors;
}

std::vector<std::string> port_number_errors(std::int64_t port) {
  if (port >= 1 && port <= 65535) return {};
  return {inclusive_range_error(1, 65535)};
}

std::vector<std::string> name_errors(name_rule rule, std::string_view name, bool prefix) {
  std::string value = prefix ? mask_trailing_dash(name) : std::string(name);
  switch (rule) {
    case name_rule::dns1123_subdomain:
      return dns1123_subdomain_errors(value);
    case name_rule::dns1123_label:
      return dns1123_label_errors(value);
    case name_rule::dns1035_label:
      return dns1035_label_errors(value);
    case name_rule::path_segment:
      break;
  }
  std::vector<std::string> errors;
  if (!prefix && (value == "." || value == "..")) errors.push_back("may not be '" + value + "'");
  if (value.find('/') != std::string::npos) errors.push_back("may not contain '/'");
  if (value.find('%') != std::string::npos) errors.push_back("may not contain '%'");
  return errors;
}

}  // namespace kactor::admission
