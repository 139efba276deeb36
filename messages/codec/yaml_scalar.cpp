#include "messages/codec/yaml_scalar.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

#include "messages/codec/base64.hpp"

namespace kactor::messages {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Go's strconv.ParseInt/ParseUint with base 0 (no underscores left), as a 128-bit magnitude.
// Empty when the syntax is wrong or the magnitude exceeds 2^64.
std::optional<std::pair<bool, unsigned __int128>> parse_go_integer(std::string_view s,
                                                                   bool allow_sign) {
  bool negative = false;
  if (allow_sign && !s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  int base = 10;
  if (s.size() >= 2 && s[0] == '0') {
    char p = s[1];
    if (p == 'x' || p == 'X')
      base = 16, s.remove_prefix(2);
    else if (p == 'o' || p == 'O')
      base = 8, s.remove_prefix(2);
    else if (p == 'b' || p == 'B')
      base = 2, s.remove_prefix(2);
    else
      base = 8, s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  unsigned __int128 value = 0;
  for (char c : s) {
    int d = digit_value(c);
    if (d >= base) return std::nullopt;
    value = value * base + d;
    if (value > (static_cast<unsigned __int128>(1) << 64)) return std::nullopt;
  }
  return std::pair{negative, value};
}

bool matches_yaml_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && is_digit(s[i]); ++i)
      ++digits;
    if (digits == 0) return false;
  } else {
    for (; i < s.size() && is_digit(s[i]); ++i)
      ++digits;
    if (digits == 0) return false;
    if (i < s.size() && s[i] == '.')
      for (++i; i < s.size() && is_digit(s[i]); ++i) {
      }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    for (; i < s.size() && is_digit(s[i]); ++i)
      ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

// Go's ParseFloat for the decimal syntax above; empty on overflow to infinity.
std::optional<double> parse_decimal_float(std::string_view s) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (end != s.data() + s.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) {
    // Underflow rounds to zero in Go; overflow is an error there.
    bool negative_exponent =
        s.find("e-") != std::string_view::npos || s.find("E-") != std::string_view::npos;
    if (!negative_exponent) return std::nullopt;
    return s[0] == '-' ? -0.0 : 0.0;
  }
  if (ec != std::errc{}) return std::nullopt;
  return value;
}

// The JSON form of a float as Go's encoding/json writes it: whole values below 1e21 print
// without a fraction or exponent, so in the JSON model they are integers.
json float_value(double f) {
  if (std::isfinite(f) && std::trunc(f) == f && std::fabs(f) < 1e21) {
    if (f >= -9.2233720368547758e18 && f < 9.2233720368547758e18)
      return static_cast<std::int64_t>(f);
    if (f >= 0 && f < 1.8446744073709552e19) return static_cast<std::uint64_t>(f);
  }
  return f;
}

const std::pair<std::string_view, json>* lookup_map(std::string_view s) {
  static const std::pair<std::string_view, json> table[] = {
      {"y", true},
      {"Y", true},
      {"yes", true},
      {"Yes", true},
      {"YES", true},
      {"true", true},
      {"True", true},
      {"TRUE", true},
      {"on", true},
      {"On", true},
      {"ON", true},
      {"n", false},
      {"N", false},
      {"no", false},
      {"No", false},
      {"NO", false},
      {"false", false},
      {"False", false},
      {"FALSE", false},
      {"off", false},
      {"Off", false},
      {"OFF", false},
      {"", nullptr},
      {"~", nullptr},
      {"null", nullptr},
      {"Null", nullptr},
      {"NULL", nullptr},
      {".nan", std::numeric_limits<double>::quiet_NaN()},
      {".NaN", std::numeric_limits<double>::quiet_NaN()},
      {".NAN", std::numeric_limits<double>::quiet_NaN()},
      {".inf", std::numeric_limits<double>::infinity()},
      {".Inf", std::numeric_limits<double>::infinity()},
      {".INF", std::numeric_limits<double>::infinity()},
      {"+.inf", std::numeric_limits<double>::infinity()},
      {"+.Inf", std::numeric_limits<double>::infinity()},
      {"+.INF", std::numeric_limits<double>::infinity()},
      {"-.inf", -std::numeric_limits<double>::infinity()},
      {"-.Inf", -std::numeric_limits<double>::infinity()},
      {"-.INF", -std::numeric_limits<double>::infinity()},
  };
  for (const auto& entry : table)
    if (entry.first == s) return &entry;
  return nullptr;
}

// Integers first (int64, then uint64), then floats, as go-yaml tries them.
std::optional<json> resolve_number(std::string_view text) {
  std::string plain;
  for (char c : text)
    if (c != '_') plain += c;
  if (auto v = parse_go_integer(plain, true)) {
    auto [negative, magnitude] = *v;
    constexpr auto int_max =
        static_cast<unsigned __int128>(std::numeric_limits<std::int64_t>::max());
    if (!negative && magnitude <= int_max) return json(static_cast<std::int64_t>(magnitude));
    if (negative && magnitude <= int_max + 1)
      return json(static_cast<std::int64_t>(-static_cast<__int128>(magnitude)));
  }
  if (auto v = parse_go_integer(plain, false)) {
    if (v->second <= std::numeric_limits<std::uint64_t>::max())
      return json(static_cast<std::uint64_t>(v->second));
  }
  if (matches_yaml_float(plain))
    if (auto f = parse_decimal_float(plain)) return float_value(*f);
  return std::nullopt;
}

}  // namespace

json resolve_plain_scalar(std::string_view text) {
  if (const auto* entry = lookup_map(text)) return entry->second;
  if (text.empty()) return nullptr;
  char hint = text[0];
  if (hint == '.') {
    // A float without a leading digit, read by ParseFloat on the text as written.
    if (matches_yaml_float(text))
      if (auto f = parse_decimal_float(text)) return float_value(*f);
  } else if (is_digit(hint) || hint == '+' || hint == '-') {
    if (auto number = resolve_number(text)) return *number;
  }
  return std::string(text);
}

result<json> resolve_tagged_scalar(std::string_view tag, std::string_view text) {
  constexpr std::string_view prefix = "tag:yaml.org,2002:";
  if (tag.substr(0, prefix.size()) != prefix) return json(std::string(text));
  std::string_view name = tag.substr(prefix.size());
  if (name == "str" || name == "timestamp") return json(std::string(text));
  if (name == "binary") {
    std::string compact;
    for (char c : text)
      if (c != ' ' && c != '\t') compact += c;
    auto bytes = decode_base64(compact);
    if (!bytes)
      return codec_error{codec_errc::syntax, "!!binary value contains invalid base64 data"};
    return json(std::move(*bytes));
  }
  json value = resolve_plain_scalar(text);
  auto type_name = [](const json& v) -> std::string_view {
    if (v.is_null()) return "!!null";
    if (v.is_boolean()) return "!!bool";
    if (v.is_number_integer()) return "!!int";
    if (v.is_number_float()) return "!!float";
    return "!!str";
  };
  std::string_view got = type_name(value);
  bool ok = (name == "int" && got == "!!int") || (name == "bool" && got == "!!bool") ||
            (name == "null" && got == "!!null") ||
            (name == "float" && (got == "!!float" || got == "!!int"));
  if (name != "int" && name != "bool" && name != "null" && name != "float")
    return json(std::string(text));  // !!seq/!!map on a scalar and the like: keep the text
  if (!ok)
    return codec_error{codec_errc::syntax, "cannot decode " + std::string(got) + " `" +
                                               std::string(text) + "` as a !!" + std::string(name)};
  return value;
}

std::string json_key_of(const json& resolved) {
  if (resolved.is_string()) return resolved.get<std::string>();
  if (resolved.is_boolean()) return resolved.get<bool>() ? "true" : "false";
  if (resolved.is_number_unsigned()) return std::to_string(resolved.get<std::uint64_t>());
  if (resolved.is_number_integer()) return std::to_string(resolved.get<std::int64_t>());
  if (resolved.is_number_float()) {
    double d = resolved.get<double>();
    if (std::isnan(d)) return ".nan";
    if (std::isinf(d)) return d > 0 ? ".inf" : "-.inf";
    // Shortest float32 digits, printed as Go's 'g' does: %e when exp < -4 || exp >= 6.
    char digits[64];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, static_cast<float>(d),
                                   std::chars_format::scientific);
    std::string sci(digits, end);  // "1.5e+00"
    std::size_t e = sci.find('e');
    int exponent = std::stoi(sci.substr(e + 1));
    std::string mantissa = sci.substr(0, e);
    if (exponent < -4 || exponent >= 6) {
      char exp_text[16];
      std::snprintf(exp_text, sizeof exp_text, "e%c%02d", exponent < 0 ? '-' : '+',
                    exponent < 0 ? -exponent : exponent);
      return mantissa + exp_text;
    }
    char fixed[64];
    auto [fend, fec] =
        std::to_chars(fixed, fixed + sizeof fixed, static_cast<float>(d), std::chars_format::fixed);
    return std::string(fixed, fend);
  }
  return {};
}

}  // namespace kactor::messages
