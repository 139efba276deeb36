#include "messages/quantity.hpp"

#include <charconv>
#include <limits>

namespace kactor::messages {

namespace {

constexpr std::string_view format_wrong =
    "quantities must match the regular expression "
    "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
constexpr std::string_view suffix_wrong = "unable to parse quantity's suffix";
constexpr std::int64_t max_milli = std::numeric_limits<std::int64_t>::max();

codec_error quantity_error(codec_errc code, std::string_view text, std::string_view why) {
  return {code, "invalid quantity \"" + std::string(text) + "\": " + std::string(why)};
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The pieces of a quantity string, split as Kubernetes' scanner splits them.
struct scanned {
  bool negative = false;
  std::string_view whole, fraction, suffix;
  // What the suffix means: value = number * 10^exp10 * 2^exp2.
  std::int64_t exp10 = 0;
  int exp2 = 0;
  quantity_format format = quantity_format::decimal_si;
};

result<scanned> scan(std::string_view text) {
  scanned s;
  std::size_t pos = 0;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) s.negative = text[pos++] == '-';
  std::size_t start = pos;
  while (pos < text.size() && is_digit(text[pos]))
    ++pos;
  s.whole = text.substr(start, pos - start);
  if (pos < text.size() && text[pos] == '.') {
    start = ++pos;
    while (pos < text.size() && is_digit(text[pos]))
      ++pos;
    s.fraction = text.substr(start, pos - start);
  }
  if (s.whole.empty() && s.fraction.empty())
    return quantity_error(codec_errc::invalid_value, text, format_wrong);
  // Suffix: letters of the suffix alphabet, an optional sign, then digits to the end.
  std::size_t suffix_start = pos;
  while (pos < text.size() &&
         std::string_view("eEinumkKMGTP").find(text[pos]) != std::string_view::npos)
    ++pos;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) ++pos;
  while (pos < text.size() && is_digit(text[pos]))
    ++pos;
  if (pos != text.size()) return quantity_error(codec_errc::invalid_value, text, format_wrong);
  s.suffix = text.substr(suffix_start);

  static constexpr std::pair<std::string_view, int> decimal[] = {
      {"n", -9}, {"u", -6}, {"m", -3}, {"", 0},   {"k", 3},
      {"M", 6},  {"G", 9},  {"T", 12}, {"P", 15}, {"E", 18}};
  static constexpr std::pair<std::string_view, int> binary[] = {{"Ki", 10}, {"Mi", 20}, {"Gi", 30},
                                                                {"Ti", 40}, {"Pi", 50}, {"Ei", 60}};
  for (auto [name, exp] : decimal)
    if (s.suffix == name) return s.exp10 = exp, s;
  for (auto [name, exp] : binary)
    if (s.suffix == name) return s.exp2 = exp, s.format = quantity_format::binary_si, s;
  if (s.suffix.size() > 1 && (s.suffix[0] == 'e' || s.suffix[0] == 'E')) {
    std::string_view digits = s.suffix.substr(1);
    if (digits[0] == '+') digits.remove_prefix(1);
    std::int64_t exp = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), exp);
    if (ec == std::errc{} && end == digits.data() + digits.size()) {
      s.exp10 = exp;
      s.format = quantity_format::decimal_exponent;
      return s;
    }
  }
  return quantity_error(codec_errc::invalid_value, text, suffix_wrong);
}

}  // namespace

std::int64_t quantity::value() const {
  std::int64_t whole = milli / 1000;
  if (milli % 1000 != 0) whole += milli > 0 ? 1 : -1;
  return whole;
}

result<void> validate_quantity(std::string_view text) {
  auto s = scan(text);
  if (!s) return s.error();
  return {};
}

result<quantity> parse_quantity(std::string_view text) {
  auto s = scan(text);
  if (!s) return s.error();
  // Significant digits of whole+fraction, at most 19 of them; the dropped tail only matters
  // as "something nonzero was dropped" (sticky), which rounds the result up.
  __int128 mantissa = 0;
  int kept = 0;
  bool sticky = false;
  std::int64_t exp10 = -static_cast<std::int64_t>(s->fraction.size());
  auto take = [&](char c) {
    if (kept == 0 && c == '0') return;
    if (kept < 19) {
      mantissa = mantissa * 10 + (c - '0');
      ++kept;
    } else {
      ++exp10;
      sticky = sticky || c != '0';
    }
  };
  for (char c : s->whole)
    take(c);
  for (char c : s->fraction)
    take(c);
  // Exponents beyond +-1000 cannot change the outcome (overflow, or one milli-unit).
  exp10 += std::max<std::int64_t>(-1000, std::min<std::int64_t>(1000, s->exp10)) + 3;

  const __int128 limit = max_milli;
  __int128 milli = 0;
  if (mantissa != 0 || sticky) {
    if (exp10 >= 0) {
      milli = mantissa;
      for (std::int64_t i = 0; i < exp10 && milli <= limit; ++i)
        milli *= 10;
      if (milli <= limit) milli <<= s->exp2;
      if (sticky) milli += 1;
    } else {
      __int128 numerator = mantissa << s->exp2;
      if (exp10 < -38) {
        milli = 1;
      } else {
        __int128 denominator = 1;
        for (std::int64_t i = 0; i < -exp10; ++i)
          denominator *= 10;
        milli = numerator / denominator;
        if (numerator % denominator != 0 || sticky) milli += 1;
      }
    }
  }
  if (milli > limit)
    return quantity_error(codec_errc::overflow, text, "does not fit int64 milli-units");
  quantity q;
  q.milli = static_cast<std::int64_t>(s->negative ? -milli : milli);
  q.format = s->format;
  return q;
}

result<quantity> parse_quantity(const k8s::resource::Quantity& q) {
  return parse_quantity(q.string());
}

std::string format_quantity(const quantity& q) {
  if (q.milli == 0) return "0";
  std::string sign = q.milli < 0 ? "-" : "";
  std::uint64_t magnitude =
      q.milli < 0 ? 0 - static_cast<std::uint64_t>(q.milli) : static_cast<std::uint64_t>(q.milli);
  if (q.format == quantity_format::binary_si && magnitude >= 1'024'000 && magnitude % 1000 == 0) {
    static constexpr std::string_view binary[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    std::uint64_t units = magnitude / 1000;
    int k = 0;
    while (k < 6 && units % 1024 == 0)
      units /= 1024, ++k;
    return sign + std::to_string(units) + std::string(binary[k]);
  }
  int exponent = -3;
  while (exponent < 18 && magnitude % 1000 == 0)
    magnitude /= 1000, exponent += 3;
  std::string suffix;
  if (q.format == quantity_format::decimal_exponent) {
    if (exponent != 0) suffix = 'e' + std::to_string(exponent);
  } else {
    static constexpr std::string_view decimal[] = {"m", "", "k", "M", "G", "T", "P", "E"};
    suffix = decimal[(exponent + 3) / 3];
  }
  return sign + std::to_string(magnitude) + suffix;
}

k8s::resource::Quantity to_proto(const quantity& q) {
  k8s::resource::Quantity out;
  out.set_string(format_quantity(q));
  return out;
}

result<quantity> add(const quantity& a, const quantity& b) {
  quantity out{0, a.milli == 0 ? b.format : a.format};
  if (__builtin_add_overflow(a.milli, b.milli, &out.milli) || out.milli == INT64_MIN)
    return codec_error{codec_errc::overflow, "quantity sum does not fit int64 milli-units"};
  return out;
}

result<quantity> subtract(const quantity& a, const quantity& b) {
  quantity out{0, a.milli == 0 ? b.format : a.format};
  if (__builtin_sub_overflow(a.milli, b.milli, &out.milli) || out.milli == INT64_MIN)
    return codec_error{codec_errc::overflow, "quantity difference does not fit int64 milli-units"};
  return out;
}

}  // namespace kactor::messages
