#include "messages/int_or_string.hpp"

#include <charconv>
#include <limits>

namespace kactor::messages {

k8s::util::IntOrString make_int_or_string(std::int32_t value) {
  k8s::util::IntOrString out;
  out.set_type(0);
  out.set_intval(value);
  return out;
}

k8s::util::IntOrString make_int_or_string(std::string value) {
  k8s::util::IntOrString out;
  out.set_type(1);
  out.set_strval(std::move(value));
  return out;
}

bool holds_string(const k8s::util::IntOrString& v) {
  return v.type() == 1;
}

result<std::int32_t> scaled_value(const k8s::util::IntOrString& v, std::int32_t total,
                                  bool round_up) {
  if (!holds_string(v)) return v.intval();
  const std::string& s = v.strval();
  auto invalid = [&](std::string_view why) {
    return codec_error{codec_errc::invalid_value,
                       "invalid value \"" + s + "\" for IntOrString: " + std::string(why)};
  };
  if (s.empty() || s.back() != '%') return invalid("string is not a percentage");
  std::int64_t percent = 0;
  const char* first = s.data();
  const char* last = s.data() + s.size() - 1;
  if (first != last && *first == '+') ++first;
  auto [end, ec] = std::from_chars(first, last, percent);
  if (ec != std::errc{} || end != last || first == last)
    return invalid("percentage is not an integer");
  // |percent| < 2^63 and |total| < 2^31: the product may overflow int64, so use 128 bits.
  __int128 scaled = static_cast<__int128>(percent) * total;
  __int128 quotient = scaled / 100;
  __int128 remainder = scaled % 100;
  if (remainder != 0) {
    // Division truncates toward zero; adjust to a ceiling or a floor.
    if (round_up && scaled > 0) quotient += 1;
    if (!round_up && scaled < 0) quotient -= 1;
  }
  if (quotient > std::numeric_limits<std::int32_t>::max() ||
      quotient < std::numeric_limits<std::int32_t>::min())
    return invalid("scaled value does not fit int32");
  return static_cast<std::int32_t>(quotient);
}

}  // namespace kactor::messages
