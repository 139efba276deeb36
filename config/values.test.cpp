#include "config/values.hpp"

#include <doctest/doctest.h>

using namespace std::chrono_literals;
using namespace kactor::config;

TEST_CASE("parse_port accepts 1-65535 and refuses the rest with the expectation") {
  CHECK(*parse_port("6443", false) == 6443);
  CHECK(*parse_port("65535", false) == 65535);
  CHECK(*parse_port("0", true) == 0);
  for (auto bad : {"0", "65536", "abc", "", "-1", "12a", " 80"}) {
    auto r = parse_port(bad, false);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "expected an integer 1-65535");
  }
  CHECK(parse_port("0", true).has_value());
  CHECK(parse_port("99999999999999999999999", true).error().message ==
        "expected an integer 0-65535");
}

TEST_CASE("parse_duration reads unit terms and format_duration writes them back") {
  CHECK(*parse_duration("100ms") == 100ms);
  CHECK(*parse_duration("5s") == 5s);
  CHECK(*parse_duration("2m") == 2min);
  CHECK(*parse_duration("1h") == 1h);
  CHECK(*parse_duration("1m30s") == 90s);
  CHECK(*parse_duration("0") == 0ms);
  for (auto bad : {"", "5", "s", "1.5s", "5x", "5 s", "-1s", "99999999999999999h"})
    CHECK_FALSE(parse_duration(bad).has_value());
  for (auto d : {0ms, 1ms, 100ms, 1000ms, 1500ms, 90'000ms, 3'723'004ms})
    CHECK(*parse_duration(format_duration(d)) == d);
  CHECK(format_duration(90s) == "1m30s");
}

TEST_CASE("parse_byte_size accepts plain numbers and binary suffixes") {
  CHECK(*parse_byte_size("65536") == 65536);
  CHECK(*parse_byte_size("512Ki") == 512 * 1024);
  CHECK(*parse_byte_size("3Mi") == 3 * 1024 * 1024);
  CHECK(*parse_byte_size("1Gi") == 1024ull * 1024 * 1024);
  for (auto bad : {"", "1MB", "1mi", "Mi", "1.5Mi"})
    CHECK_FALSE(parse_byte_size(bad).has_value());
  for (std::uint64_t n : {0ull, 1ull, 1000ull, 1024ull, 3145728ull, 1048577ull})
    CHECK(*parse_byte_size(format_byte_size(n)) == n);
  CHECK(format_byte_size(3 * 1024 * 1024) == "3Mi");
}

TEST_CASE("booleans, enums, addresses and URLs") {
  CHECK(*parse_bool("true"));
  CHECK_FALSE(*parse_bool("false"));
  CHECK_FALSE(parse_bool("yes").has_value());
  CHECK(*parse_log_format("json") == log_format::json);
  CHECK(parse_log_format("xml").error().message == "expected one of text, json");
  CHECK(*parse_log_level("warn") == log_level::warn);
  CHECK_FALSE(parse_log_level("verbose").has_value());
  CHECK(*parse_ip_address("127.0.0.1") == "127.0.0.1");
  CHECK(*parse_ip_address("::1") == "::1");
  CHECK_FALSE(parse_ip_address("localhost").has_value());
  CHECK(parse_nats_url("nats://127.0.0.1:4222").has_value());
  CHECK(parse_nats_url("nats://a:1,tls://b:2").has_value());
  for (auto bad : {"", "127.0.0.1:4222", "http://x", "nats://", "nats://a,"})
    CHECK_FALSE(parse_nats_url(bad).has_value());
  for (auto l : {log_level::trace, log_level::info, log_level::off})
    CHECK(*parse_log_level(to_string(l)) == l);
}
