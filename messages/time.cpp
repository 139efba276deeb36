#include "messages/time.hpp"

#include <chrono>
#include <cstdio>
#include <limits>

namespace kactor::messages {

namespace {

using namespace std::chrono;

codec_error time_error(std::string_view text, std::string_view why) {
  return {codec_errc::invalid_value,
          "invalid time \"" + std::string(text) + "\": " + std::string(why)};
}

// Reads exactly `n` digits at `pos`; false if any is not a digit.
bool read_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

struct civil {
  int year, month, day, hour, minute, second;
};

std::string format_civil(std::int64_t seconds, const char* fraction) {
  auto secs = sys_seconds{std::chrono::seconds{seconds}};
  auto day = floor<days>(secs);
  year_month_day ymd{day};
  hh_mm_ss<std::chrono::seconds> hms{secs - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld%sZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), long(hms.hours().count()),
                long(hms.minutes().count()), long(hms.seconds().count()), fraction);
  return buf;
}

}  // namespace

result<timestamp> parse_rfc3339(std::string_view text) {
  constexpr std::string_view expected = "expected RFC 3339 like 2006-01-02T15:04:05Z";
  civil c{};
  if (text.size() < 20 || !read_digits(text, 0, 4, c.year) || text[4] != '-' ||
      !read_digits(text, 5, 2, c.month) || text[7] != '-' || !read_digits(text, 8, 2, c.day) ||
      text[10] != 'T' || !read_digits(text, 11, 2, c.hour) || text[13] != ':' ||
      !read_digits(text, 14, 2, c.minute) || text[16] != ':' || !read_digits(text, 17, 2, c.second))
    return time_error(text, expected);
  std::size_t pos = 19;
  std::int32_t nanos = 0;
  if (text[pos] == '.' || text[pos] == ',') {
    std::size_t digits = 0;
    for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++digits)
      if (digits < 9) nanos = nanos * 10 + (text[pos] - '0');
    if (digits == 0) return time_error(text, expected);
    for (; digits < 9; ++digits)
      nanos *= 10;
  }
  std::int64_t offset = 0;
  if (pos < text.size() && text[pos] == 'Z') {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh = 0, om = 0;
    if (!read_digits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !read_digits(text, pos + 4, 2, om))
      return time_error(text, expected);
    if (oh > 23 || om > 59) return time_error(text, "time zone offset out of range");
    offset = (text[pos] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    pos += 6;
  } else {
    return time_error(text, expected);
  }
  if (pos != text.size()) return time_error(text, expected);
  if (c.month < 1 || c.month > 12) return time_error(text, "month out of range");
  year_month_day ymd{year{c.year}, month{unsigned(c.month)}, day{unsigned(c.day)}};
  if (!ymd.ok()) return time_error(text, "day out of range");
  if (c.hour > 23) return time_error(text, "hour out of range");
  if (c.minute > 59) return time_error(text, "minute out of range");
  if (c.second > 59) return time_error(text, "second out of range");
  std::int64_t secs = sys_days{ymd}.time_since_epoch().count() * 86400 + c.hour * 3600 +
                      c.minute * 60 + c.second - offset;
  return timestamp{secs, nanos};
}

std::string format_rfc3339(std::int64_t seconds) {
  return format_civil(seconds, "");
}

std::string format_rfc3339_micro(timestamp t) {
  char fraction[16];
  std::snprintf(fraction, sizeof fraction, ".%06d", t.nanos / 1000);
  return format_civil(t.seconds, fraction);
}

timestamp now() {
  auto ns = duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
  return {ns / 1'000'000'000, static_cast<std::int32_t>(ns % 1'000'000'000)};
}

k8s::meta::v1::Time to_time(timestamp t) {
  k8s::meta::v1::Time out;
  out.set_seconds(t.seconds);
  if (t.nanos != 0) out.set_nanos(t.nanos);
  return out;
}

k8s::meta::v1::MicroTime to_micro_time(timestamp t) {
  k8s::meta::v1::MicroTime out;
  out.set_seconds(t.seconds);
  if (t.nanos != 0) out.set_nanos(t.nanos);
  return out;
}

timestamp from_time(const k8s::meta::v1::Time& t) {
  return {t.seconds(), t.nanos()};
}

timestamp from_micro_time(const k8s::meta::v1::MicroTime& t) {
  return {t.seconds(), t.nanos()};
}

std::string format_go_duration(std::int64_t nanoseconds) {
  // Work on the magnitude as unsigned so that INT64_MIN has one.
  std::uint64_t u = nanoseconds < 0 ? 0 - static_cast<std::uint64_t>(nanoseconds)
                                    : static_cast<std::uint64_t>(nanoseconds);
  std::string sign = nanoseconds < 0 ? "-" : "";
  // `value` scaled by 10^digits, printed with its fraction and without trailing zeros.
  auto with_fraction = [](std::uint64_t value, int digits) {
    std::uint64_t scale = 1;
    for (int i = 0; i < digits; ++i)
      scale *= 10;
    std::string out = std::to_string(value / scale);
    std::string frac = std::to_string(value % scale);
    frac.insert(0, digits - frac.size(), '0');
    while (!frac.empty() && frac.back() == '0')
      frac.pop_back();
    if (!frac.empty()) out += "." + frac;
    return out;
  };
  if (u == 0) return "0s";
  if (u < 1'000) return sign + std::to_string(u) + "ns";
  if (u < 1'000'000) return sign + with_fraction(u, 3) + "\u00b5s";
  if (u < 1'000'000'000) return sign + with_fraction(u, 6) + "ms";
  std::uint64_t secs = u / 1'000'000'000;
  std::string out = with_fraction(u % 60'000'000'000, 9) + "s";
  std::uint64_t minutes = secs / 60;
  if (minutes > 0) {
    out = std::to_string(minutes % 60) + "m" + out;
    if (minutes / 60 > 0) out = std::to_string(minutes / 60) + "h" + out;
  }
  return sign + out;
}

result<std::int64_t> parse_go_duration(std::string_view text) {
  auto invalid = [&](std::string why) {
    return codec_error{codec_errc::invalid_value,
                       "invalid duration \"" + std::string(text) + "\": " + why};
  };
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return std::int64_t{0};
  if (s.empty()) return invalid("expected a number and a unit like 1h30m or 250ms");
  // Accumulate the magnitude in 128 bits so overflow is detected exactly.
  constexpr __int128 limit = static_cast<__int128>(std::numeric_limits<std::int64_t>::max()) + 1;
  __int128 total = 0;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  while (!s.empty()) {
    if (!is_digit(s[0]) && s[0] != '.') return invalid("expected a number");
    __int128 whole = 0, frac = 0, frac_scale = 1;
    std::size_t i = 0, digits = 0;
    for (; i < s.size() && is_digit(s[i]); ++i, ++digits) {
      whole = whole * 10 + (s[i] - '0');
      if (whole > limit) return invalid("overflows int64 nanoseconds");
    }
    if (i < s.size() && s[i] == '.') {
      for (++i; i < s.size() && is_digit(s[i]); ++i, ++digits)
        if (frac_scale < 1'000'000'000'000'000'000)
          frac = frac * 10 + (s[i] - '0'), frac_scale *= 10;
    }
    if (digits == 0) return invalid("expected a number");
    std::size_t unit_end = i;
    while (unit_end < s.size() && !is_digit(s[unit_end]) && s[unit_end] != '.')
      ++unit_end;
    std::string_view unit = s.substr(i, unit_end - i);
    if (unit.empty()) return invalid("missing unit");
    __int128 scale = 0;
    if (unit == "ns")
      scale = 1;
    else if (unit == "us" || unit == "\u00b5s" || unit == "\u03bcs")
      scale = 1'000;
    else if (unit == "ms")
      scale = 1'000'000;
    else if (unit == "s")
      scale = 1'000'000'000;
    else if (unit == "m")
      scale = 60'000'000'000;
    else if (unit == "h")
      scale = 3'600'000'000'000;
    else
      return invalid("unknown unit \"" + std::string(unit) + "\"");
    total += whole * scale + frac * scale / frac_scale;
    if (total > limit) return invalid("overflows int64 nanoseconds");
    s.remove_prefix(unit_end);
  }
  if (!negative && total == limit) return invalid("overflows int64 nanoseconds");
  return static_cast<std::int64_t>(negative ? -total : total);
}

}  // namespace kactor::messages
