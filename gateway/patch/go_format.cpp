#include "gateway/patch/go_format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>
#include <vector>

namespace kactor::patch {
namespace {

// Go's %v of a float64 (%g with the shortest digits): exponent form when the decimal
// exponent is < -4 or >= 6, except that a whole number with fewer than 6 digits never uses
// it: 80, 1.5, 100000, 1e+06, 1.2e+06, 1e-05.
std::string go_float(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == 0) return std::signbit(v) ? "-0" : "0";
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::scientific);
  std::string_view sci(buffer, end - buffer);  // "-1.2345e+06"
  bool negative = sci.front() == '-';
  if (negative) sci.remove_prefix(1);
  auto e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits += c;
  }
  int exponent = std::stoi(std::string(sci.substr(e + 1)));
  int nd = static_cast<int>(digits.size());
  int dp = exponent + 1;  // position of the decimal point after the first dp digits
  int eprec = 6;
  if (eprec > nd && nd >= dp) eprec = nd;
  std::string out = negative ? "-" : "";
  if (exponent < -4 || exponent >= eprec) {
    out += digits[0];
    if (nd > 1) out.append(".").append(digits, 1);
    out += 'e';
    out += exponent < 0 ? '-' : '+';
    int a = std::abs(exponent);
    if (a < 10) out += '0';
    out += std::to_string(a);
    return out;
  }
  if (dp <= 0) return out + "0." + std::string(-dp, '0') + digits;
  if (dp >= nd) return out + digits + std::string(dp - nd, '0');
  return out + digits.substr(0, dp) + "." + digits.substr(dp);
}

}  // namespace

std::string go_text(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "<nil>";
    case json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case json::value_t::string:
      return value.get<std::string>();
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return go_float(value.get<double>());
    case json::value_t::array: {
      std::string out = "[";
      bool first = true;
      for (const auto& item : value) {
        if (!first) out += ' ';
        first = false;
        out += go_text(item);
      }
      return out + "]";
    }
    case json::value_t::object: {
      std::vector<std::string> keys;
      for (const auto& [k, v] : value.items())
        keys.push_back(k);
      std::sort(keys.begin(), keys.end());
      std::string out = "map[";
      for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i > 0) out += ' ';
        out += keys[i] + ":" + go_text(value.at(keys[i]));
      }
      return out + "]";
    }
    default:
      return {};
  }
}

std::string go_type(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "<nil>";
    case json::value_t::boolean:
      return "bool";
    case json::value_t::string:
      return "string";
    case json::value_t::array:
      return "[]interface {}";
    case json::value_t::object:
      return "map[string]interface {}";
    default:
      return "float64";
  }
}

}  // namespace kactor::patch
