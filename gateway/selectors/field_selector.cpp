#include "gateway/selectors/field_selector.hpp"

#include <algorithm>

namespace kactor::selectors {
namespace {

struct raw_term {
  std::string_view text;
  std::size_t position;
};

// Splits at commas that are not escaped by a backslash; the backslashes stay in the terms.
std::vector<raw_term> split_terms(std::string_view text) {
  std::vector<raw_term> terms;
  if (text.empty()) return terms;
  std::size_t start = 0;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (escaped) {
      escaped = false;
    } else if (text[i] == '\\') {
      escaped = true;
    } else if (text[i] == ',') {
      terms.push_back({text.substr(start, i - start), start});
      start = i + 1;
    }
  }
  terms.push_back({text.substr(start), start});
  return terms;
}

// Undoes escape_field_value; unescaped ',' and '=' are errors, as in Kubernetes.
result<std::string> unescape(std::string_view value, std::size_t position) {
  std::string out;
  out.reserve(value.size());
  bool escaped = false;
  for (char c : value) {
    if (escaped) {
      if (c != '\\' && c != ',' && c != '=') {
        return selector_error{
            std::string("invalid field selector: invalid escape sequence: \\") + c, position};
      }
      out += c;
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (c == ',' || c == '=') {
      return selector_error{
          "invalid field selector: unescaped character in value: " + std::to_string(int(c)),
          position};
    } else {
      out += c;
    }
  }
  if (escaped)
    return selector_error{"invalid field selector: invalid escape sequence: \\", position};
  return out;
}

}  // namespace

std::string escape_field_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\' || c == ',' || c == '=') out += '\\';
    out += c;
  }
  return out;
}

result<field_selector> parse_field_selector(std::string_view text) {
  auto raw = split_terms(text);
  std::stable_sort(raw.begin(), raw.end(),
                   [](const raw_term& a, const raw_term& b) { return a.text < b.text; });
  std::vector<field_term> terms;
  for (const auto& term : raw) {
    if (term.text.empty()) continue;
    // The first operator occurrence splits; "!=" and "==" are tried before "=" at each place.
    std::size_t at = std::string_view::npos;
    std::size_t op_size = 0;
    for (std::size_t i = 0; i < term.text.size(); ++i) {
      auto rest = term.text.substr(i);
      if (rest.starts_with("!=") || rest.starts_with("==")) {
        at = i;
        op_size = 2;
        break;
      }
      if (rest.starts_with("=")) {
        at = i;
        op_size = 1;
        break;
      }
    }
    if (at == std::string_view::npos) {
      return selector_error{"invalid selector: '" + std::string(text) + "'; can't understand '" +
                                std::string(term.text) + "'",
                            term.position};
    }
    auto value = unescape(term.text.substr(at + op_size), term.position);
    if (!value) return value.error();
    terms.push_back(
        field_term{std::string(term.text.substr(0, at)), term.text[at] == '!', std::move(*value)});
  }
  return field_selector(std::move(terms));
}

std::optional<std::string_view> field_selector::exact_match(std::string_view field) const {
  for (const auto& t : terms_) {
    if (!t.negated && t.field == field) return std::string_view(t.value);
  }
  return std::nullopt;
}

std::string field_selector::to_string() const {
  std::string out;
  for (const auto& t : terms_) {
    if (!out.empty()) out += ',';
    out.append(t.field).append(t.negated ? "!=" : "=").append(escape_field_value(t.value));
  }
  return out;
}

}  // namespace kactor::selectors
