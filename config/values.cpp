#include "config/values.hpp"

#include <arpa/inet.h>

#include <array>
#include <charconv>
#include <utility>

namespace kactor::config {
namespace {

config_error expected(std::string what) {
  return config_error{"expected " + std::move(what)};
}

// Reads a leading run of decimal digits; false if none or on overflow.
bool take_digits(std::string_view& text, std::uint64_t& out) {
  auto* first = text.data();
  auto* last = text.data() + text.size();
  auto [end, ec] = std::from_chars(first, last, out);
  if (ec != std::errc{} || end == first) return false;
  text.remove_prefix(static_cast<std::size_t>(end - first));
  return true;
}

struct unit {
  std::string_view suffix;
  std::uint64_t factor;
};

}  // namespace

std::string_view to_string(log_format format) {
  switch (format) {
    case log_format::text:
      return "text";
    case log_format::json:
      return "json";
  }
  return "text";
}

namespace {
constexpr std::array<std::pair<log_level, std::string_view>, 7> level_names{{
    {log_level::trace, "trace"},
    {log_level::debug, "debug"},
    {log_level::info, "info"},
    {log_level::warn, "warn"},
    {log_level::error, "error"},
    {log_level::critical, "critical"},
    {log_level::off, "off"},
}};
}  // namespace

std::string_view to_string(log_level level) {
  for (auto& [value, name] : level_names)
    if (value == level) return name;
  return "info";
}

result<std::uint64_t> parse_integer(std::string_view text, std::uint64_t min, std::uint64_t max) {
  auto rest = text;
  std::uint64_t value = 0;
  if (!take_digits(rest, value) || !rest.empty() || value < min || value > max)
    return expected("an integer " + std::to_string(min) + "-" + std::to_string(max));
  return value;
}

result<std::uint16_t> parse_port(std::string_view text, bool allow_zero) {
  auto value = parse_integer(text, allow_zero ? 0 : 1, 65535);
  if (!value) return value.error();
  return static_cast<std::uint16_t>(*value);
}

result<bool> parse_bool(std::string_view text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return expected("true or false");
}

result<std::chrono::milliseconds> parse_duration(std::string_view text) {
  static constexpr std::array<unit, 4> units{
      {{"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}}};
  auto fail = expected("a duration such as 100ms, 5s or 1m30s");
  if (text == "0") return std::chrono::milliseconds{0};
  if (text.empty()) return fail;
  std::uint64_t total = 0;
  auto rest = text;
  while (!rest.empty()) {
    std::uint64_t amount = 0;
    if (!take_digits(rest, amount)) return fail;
    const unit* matched = nullptr;
    for (auto& u : units)  // "ms" is listed before "m" so the longer suffix wins
      if (rest.substr(0, u.suffix.size()) == u.suffix) {
        matched = &u;
        break;
      }
    if (matched == nullptr) return fail;
    rest.remove_prefix(matched->suffix.size());
    if (amount > (UINT64_C(1) << 50) / matched->factor) return fail;
    total += amount * matched->factor;
  }
  return std::chrono::milliseconds{static_cast<std::int64_t>(total)};
}

result<std::uint64_t> parse_byte_size(std::string_view text) {
  static constexpr std::array<unit, 3> units{
      {{"Ki", 1024}, {"Mi", 1024 * 1024}, {"Gi", 1024 * 1024 * 1024}}};
  auto fail = expected("a size in bytes such as 65536, 512Ki or 3Mi");
  auto rest = text;
  std::uint64_t amount = 0;
  if (!take_digits(rest, amount)) return fail;
  if (rest.empty()) return amount;
  for (auto& u : units)
    if (rest == u.suffix) {
      if (amount > (UINT64_C(1) << 40)) return fail;
      return amount * u.factor;
    }
  return fail;
}

result<std::string> parse_ip_address(std::string_view text) {
  std::string s{text};
  std::array<unsigned char, 16> buf{};
  if (inet_pton(AF_INET, s.c_str(), buf.data()) == 1 ||
      inet_pton(AF_INET6, s.c_str(), buf.data()) == 1)
    return s;
  return expected("an IP address such as 127.0.0.1");
}

result<std::string> parse_nats_url(std::string_view text) {
  auto fail = expected("a URL such as nats://127.0.0.1:4222 (comma-separated for several)");
  if (text.empty()) return fail;
  std::string_view rest = text;
  while (true) {
    auto comma = rest.find(',');
    auto one = rest.substr(0, comma);
    bool scheme_ok = one.starts_with("nats://") || one.starts_with("tls://");
    auto host = one.substr(one.find("://") == std::string_view::npos ? 0 : one.find("://") + 3);
    if (!scheme_ok || host.empty()) return fail;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return std::string{text};
}

result<std::string> parse_non_empty(std::string_view text) {
  if (text.empty()) return expected("a non-empty string");
  return std::string{text};
}

result<log_format> parse_log_format(std::string_view text) {
  if (text == "text") return log_format::text;
  if (text == "json") return log_format::json;
  return expected("one of text, json");
}

result<log_level> parse_log_level(std::string_view text) {
  for (auto& [value, name] : level_names)
    if (name == text) return value;
  return expected("one of trace, debug, info, warn, error, critical, off");
}

std::string format_duration(std::chrono::milliseconds d) {
  auto ms = static_cast<std::uint64_t>(d.count());
  if (ms == 0) return "0";
  std::string out;
  static constexpr std::array<unit, 4> units{
      {{"h", 3'600'000}, {"m", 60'000}, {"s", 1000}, {"ms", 1}}};
  for (auto& u : units)
    if (ms >= u.factor) {
      out += std::to_string(ms / u.factor) + std::string{u.suffix};
      ms %= u.factor;
    }
  return out;
}

std::string format_byte_size(std::uint64_t bytes) {
  static constexpr std::array<unit, 3> units{
      {{"Gi", 1024 * 1024 * 1024}, {"Mi", 1024 * 1024}, {"Ki", 1024}}};
  for (auto& u : units)
    if (bytes != 0 && bytes % u.factor == 0)
      return std::to_string(bytes / u.factor) + std::string{u.suffix};
  return std::to_string(bytes);
}

}  // namespace kactor::config
