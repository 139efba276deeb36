#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "k8s/meta/v1/time.pb.h"
#include "messages/result.hpp"

namespace kactor::messages {

/// A point in time: seconds since the Unix epoch (UTC) and a nanosecond fraction in
/// [0, 999999999], as meta/v1 Time and MicroTime store it.
struct timestamp {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;
  friend auto operator<=>(const timestamp&, const timestamp&) = default;
};

/// Parses RFC 3339 as Go's time.RFC3339 layout accepts it: `2026-01-02T03:04:05Z`,
/// an optional fraction of 1-9 digits (`.123456`), and `Z` or a `+hh:mm`/`-hh:mm` offset,
/// which is converted to UTC. Fails with invalid_value naming what is wrong.
result<timestamp> parse_rfc3339(std::string_view text);

/// Formats with second precision in UTC: "2026-01-02T03:04:05Z" (meta/v1 Time's JSON form).
std::string format_rfc3339(std::int64_t seconds);

/// Formats with 6 fractional digits in UTC: "2026-01-02T03:04:15.123456Z" (MicroTime's form).
std::string format_rfc3339_micro(timestamp t);

/// The current wall-clock time (system clock). Code that must be testable takes a clock
/// instead of calling this.
timestamp now();

/// Conversions to and from the protobuf messages.
k8s::meta::v1::Time to_time(timestamp t);
k8s::meta::v1::MicroTime to_micro_time(timestamp t);
timestamp from_time(const k8s::meta::v1::Time& t);
timestamp from_micro_time(const k8s::meta::v1::MicroTime& t);

/// Formats nanoseconds as Go's time.Duration.String does: "1h0m0s", "1m30s", "1.5s",
/// "250ms", "1.5µs", "10ns", "0s", "-2s".
std::string format_go_duration(std::int64_t nanoseconds);

/// Parses a Go duration ("1h30m", "300ms", "-1.5h", "2h45m0.5s"; units ns, us, µs, ms, s,
/// m, h; "0" alone). Fails with invalid_value on bad syntax or overflow of int64 nanoseconds.
result<std::int64_t> parse_go_duration(std::string_view text);

}  // namespace kactor::messages
