#include "gateway/selectors/field_error.hpp"

#include <algorithm>
#include <cstdint>

namespace kactor::selectors {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

void append_hex_byte(std::string& out, unsigned char c) {
  out += "\\x";
  out += hex_digits[c >> 4];
  out += hex_digits[c & 0xf];
}

// The length of the valid UTF-8 sequence starting at text[i], or 0 when it is not valid.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  auto c = static_cast<unsigned char>(text[i]);
  std::size_t n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return 0;
  }
  return n;
}

}  // namespace

std::string go_quote(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\a':
        out += "\\a";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\v':
        out += "\\v";
        continue;
      default:
        break;
    }
    if (c < 0x20 || c == 0x7f) {
      append_hex_byte(out, c);
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (auto n = utf8_length(text, i); n > 0) {
      out.append(text.substr(i, n));
      i += n - 1;
    } else {
      append_hex_byte(out, c);
    }
  }
  out += '"';
  return out;
}

std::string go_string_slice(const std::vector<std::string>& values, bool nil) {
  if (nil && values.empty()) return "[]string(nil)";
  std::string out = "[]string{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += go_quote(values[i]);
  }
  out += '}';
  return out;
}

std::string invalid_value(std::string_view path, std::string_view value, std::string_view detail) {
  std::string out;
  out.reserve(path.size() + value.size() + detail.size() + 20);
  out.append(path).append(": Invalid value: ").append(value);
  if (!detail.empty()) out.append(": ").append(detail);
  return out;
}

std::string aggregate(const std::vector<std::string>& messages) {
  std::vector<std::string> unique;
  for (const auto& m : messages) {
    if (std::find(unique.begin(), unique.end(), m) == unique.end()) unique.push_back(m);
  }
  if (unique.empty()) return {};
  if (unique.size() == 1) return unique.front();
  std::string out = "[";
  for (std::size_t i = 0; i < unique.size(); ++i) {
    if (i > 0) out += ", ";
    out += unique[i];
  }
  out += ']';
  return out;
}

}  // namespace kactor::selectors
