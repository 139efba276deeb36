#include "gateway/printers/age.hpp"

#include <doctest/doctest.h>

using namespace kactor::printers;

namespace {
constexpr std::int64_t s = 1'000'000'000;
constexpr std::int64_t m = 60 * s;
constexpr std::int64_t h = 60 * m;
constexpr std::int64_t d = 24 * h;
}  // namespace

TEST_CASE("human_duration has kubectl's precision at every scale") {
  CHECK(human_duration(0) == "0s");
  CHECK(human_duration(7 * s) == "7s");
  CHECK(human_duration(119 * s + s / 2) == "119s");
  CHECK(human_duration(2 * m) == "2m");
  CHECK(human_duration(5 * m + 2 * s) == "5m2s");
  CHECK(human_duration(10 * m + 59 * s) == "10m");
  CHECK(human_duration(179 * m) == "179m");
  CHECK(human_duration(3 * h) == "3h");
  CHECK(human_duration(3 * h + 4 * m) == "3h4m");
  CHECK(human_duration(8 * h + 59 * m) == "8h");
  CHECK(human_duration(47 * h) == "47h");
  CHECK(human_duration(2 * d) == "2d");
  CHECK(human_duration(2 * d + 3 * h) == "2d3h");
  CHECK(human_duration(8 * d + 5 * h) == "8d");
  CHECK(human_duration(400 * d) == "400d");
  CHECK(human_duration(730 * d) == "2y");
  CHECK(human_duration(733 * d) == "2y3d");
  CHECK(human_duration(9 * 365 * d) == "9y");
}

TEST_CASE("small negative durations are clock skew; larger ones are invalid") {
  CHECK(human_duration(-s / 2) == "0s");
  CHECK(human_duration(-s - s / 2) == "0s");
  CHECK(human_duration(-2 * s) == "<invalid>");
}

TEST_CASE("age counts from a Time to an injected now; unset times are unknown") {
  k8s::meta::v1::Time created;
  created.set_seconds(1'700'000'000);
  CHECK(age(created, {1'700'000'302, 0}) == "5m2s");
  CHECK(age(k8s::meta::v1::Time{}, {1'700'000'302, 0}) == "<unknown>");
  k8s::meta::v1::MicroTime event_time;
  event_time.set_seconds(1'700'000'000);
  event_time.set_nanos(500'000'000);
  CHECK(age(event_time, {1'700'000'010, 0}) == "9s");
  k8s::meta::v1::Time done;
  done.set_seconds(1'700'000'065);
  CHECK(interval(created, done) == "65s");
}
