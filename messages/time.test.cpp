#include "messages/time.hpp"

#include <doctest/doctest.h>

using namespace kactor::messages;

TEST_CASE("RFC 3339 parses UTC, offsets and fractions") {
  auto t = parse_rfc3339("2026-01-02T03:04:05Z");
  REQUIRE(t);
  CHECK(t->seconds == 1767323045);
  CHECK(t->nanos == 0);

  auto offset = parse_rfc3339("2026-01-02T05:34:05+02:30");
  REQUIRE(offset);
  CHECK(offset->seconds == 1767323045);
  auto west = parse_rfc3339("2026-01-01T22:04:05-05:00");
  REQUIRE(west);
  CHECK(west->seconds == 1767323045);

  auto micro = parse_rfc3339("2026-01-02T03:04:15.123456Z");
  REQUIRE(micro);
  CHECK(micro->nanos == 123456000);
  auto long_fraction = parse_rfc3339("2026-01-02T03:04:15.1234567891Z");
  REQUIRE(long_fraction);
  CHECK(long_fraction->nanos == 123456789);

  auto before_epoch = parse_rfc3339("1969-12-31T23:59:59Z");
  REQUIRE(before_epoch);
  CHECK(before_epoch->seconds == -1);
}

TEST_CASE("RFC 3339 rejects what Go's time.RFC3339 rejects, saying why") {
  auto bad = parse_rfc3339("2026-01-02 03:04:05Z");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == codec_errc::invalid_value);
  CHECK(bad.error().message ==
        "invalid time \"2026-01-02 03:04:05Z\": expected RFC 3339 like 2006-01-02T15:04:05Z");
  CHECK(parse_rfc3339("2026-13-02T03:04:05Z").error().message ==
        "invalid time \"2026-13-02T03:04:05Z\": month out of range");
  CHECK(parse_rfc3339("2026-02-30T03:04:05Z").error().message ==
        "invalid time \"2026-02-30T03:04:05Z\": day out of range");
  CHECK(parse_rfc3339("2026-02-03T24:04:05Z").error().message ==
        "invalid time \"2026-02-03T24:04:05Z\": hour out of range");
  CHECK_FALSE(parse_rfc3339("2026-01-02T03:04:05"));
  CHECK_FALSE(parse_rfc3339("2026-01-02T03:04:05.Z"));
  CHECK_FALSE(parse_rfc3339("2026-01-02T03:04:05Zjunk"));
  CHECK_FALSE(parse_rfc3339(""));
}

TEST_CASE("RFC 3339 formats in UTC with second or microsecond precision") {
  CHECK(format_rfc3339(1767323045) == "2026-01-02T03:04:05Z");
  CHECK(format_rfc3339(-1) == "1969-12-31T23:59:59Z");
  CHECK(format_rfc3339_micro({1767323055, 123456789}) == "2026-01-02T03:04:15.123456Z");
  CHECK(format_rfc3339_micro({1767323045, 0}) == "2026-01-02T03:04:05.000000Z");
}

TEST_CASE("time messages convert both ways") {
  timestamp t{1767323045, 5000};
  CHECK(from_time(to_time(t)) == t);
  CHECK(from_micro_time(to_micro_time(t)) == t);
  CHECK_FALSE(to_time({1, 0}).has_nanos());
  CHECK(now().seconds > 1767323045 - 86400 * 366 * 10);
}

TEST_CASE("Go durations format like time.Duration.String") {
  CHECK(format_go_duration(0) == "0s");
  CHECK(format_go_duration(10) == "10ns");
  CHECK(format_go_duration(1500) == "1.5\u00b5s");
  CHECK(format_go_duration(250'000'000) == "250ms");
  CHECK(format_go_duration(1'500'000'000) == "1.5s");
  CHECK(format_go_duration(90'000'000'000) == "1m30s");
  CHECK(format_go_duration(3'600'000'000'000) == "1h0m0s");
  CHECK(format_go_duration(9'900'500'000'000) == "2h45m0.5s");
  CHECK(format_go_duration(-2'000'000'000) == "-2s");
  CHECK(format_go_duration(INT64_MIN) == "-2562047h47m16.854775808s");
}

TEST_CASE("Go durations parse like time.ParseDuration") {
  CHECK(*parse_go_duration("1h30m") == 5'400'000'000'000);
  CHECK(*parse_go_duration("90s") == 90'000'000'000);
  CHECK(*parse_go_duration("300ms") == 300'000'000);
  CHECK(*parse_go_duration("-1.5h") == -5'400'000'000'000);
  CHECK(*parse_go_duration("1.5\u00b5s") == 1500);
  CHECK(*parse_go_duration("2us") == 2000);
  CHECK(*parse_go_duration(".5s") == 500'000'000);
  CHECK(*parse_go_duration("0") == 0);
  CHECK(*parse_go_duration("2562047h47m16.854775807s") == INT64_MAX);
  CHECK(*parse_go_duration("-2562047h47m16.854775808s") == INT64_MIN);

  CHECK(parse_go_duration("1").error().message == "invalid duration \"1\": missing unit");
  CHECK(parse_go_duration("1x").error().message == "invalid duration \"1x\": unknown unit \"x\"");
  CHECK(parse_go_duration("").error().code == codec_errc::invalid_value);
  CHECK_FALSE(parse_go_duration("h"));
  CHECK_FALSE(parse_go_duration("."));
  CHECK_FALSE(parse_go_duration("2562047h47m16.854775808s"));
}
