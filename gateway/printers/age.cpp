#include "gateway/printers/age.hpp"

namespace kactor::printers {
namespace {

constexpr std::int64_t second = 1'000'000'000;
constexpr std::int64_t minute = 60 * second;
constexpr std::int64_t hour = 60 * minute;

std::int64_t between(messages::timestamp from, messages::timestamp to) {
  return (to.seconds - from.seconds) * second + (to.nanos - from.nanos);
}

std::string unit(std::int64_t n, const char* suffix) {
  return std::to_string(n) + suffix;
}

std::string two_units(std::int64_t a, const char* sa, std::int64_t b, const char* sb) {
  return b == 0 ? unit(a, sa) : unit(a, sa) + unit(b, sb);
}

}  // namespace

std::string human_duration(std::int64_t d) {
  // Truncation toward zero, as Go's int(d.Seconds()): -1.5s is -1, "0s".
  std::int64_t seconds = d / second;
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return unit(seconds, "s");
  std::int64_t minutes = d / minute;
  if (minutes < 10) return two_units(minutes, "m", seconds % 60, "s");
  if (minutes < 180) return unit(minutes, "m");
  std::int64_t hours = d / hour;
  if (hours < 8) return two_units(hours, "h", minutes % 60, "m");
  if (hours < 48) return unit(hours, "h");
  if (hours < 24 * 8) return two_units(hours / 24, "d", hours % 24, "h");
  if (hours < 24 * 365 * 2) return unit(hours / 24, "d");
  if (hours < 24 * 365 * 8) return two_units(hours / 24 / 365, "y", (hours / 24) % 365, "d");
  return unit(hours / 24 / 365, "y");
}

std::string age(const k8s::meta::v1::Time& t, messages::timestamp now) {
  auto at = messages::from_time(t);
  if (at == messages::timestamp{}) return "<unknown>";
  return human_duration(between(at, now));
}

std::string age(const k8s::meta::v1::MicroTime& t, messages::timestamp now) {
  auto at = messages::from_micro_time(t);
  if (at == messages::timestamp{}) return "<unknown>";
  return human_duration(between(at, now));
}

std::string interval(const k8s::meta::v1::Time& from, const k8s::meta::v1::Time& to) {
  return human_duration(between(messages::from_time(from), messages::from_time(to)));
}

}  // namespace kactor::printers
