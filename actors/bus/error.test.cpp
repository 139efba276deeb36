#include "actors/bus/error.hpp"

#include <doctest/doctest.h>

#include <caf/sec.hpp>

namespace bus = kactor::bus;

TEST_CASE("bus errors compare by code and keep their message") {
  auto err = bus::make_error(bus::errc::timeout, "nats: request a.b: no reply within 5 ms");
  CHECK(err == bus::errc::timeout);
  CHECK(err != bus::errc::closed);
  CHECK(bus::code_of(err) == bus::errc::timeout);
  CHECK(bus::describe(err) == "nats: request a.b: no reply within 5 ms");
}

TEST_CASE("describe falls back for errors without a message and for foreign errors") {
  CHECK(bus::describe(bus::make_error(bus::errc::closed)) == "nats: closed");
  CHECK(bus::describe(caf::error{}).empty());
  CHECK_FALSE(bus::code_of(caf::error{}).has_value());
  auto foreign = caf::make_error(caf::sec::runtime_error);
  CHECK_FALSE(bus::code_of(foreign).has_value());
  CHECK_FALSE(bus::describe(foreign).empty());
}

TEST_CASE("every code has a distinct name") {
  CHECK(bus::to_string(bus::errc::unavailable) == "unavailable");
  CHECK(bus::to_string(bus::errc::no_responders) == "no_responders");
  CHECK(bus::to_string(bus::errc::too_large) == "too_large");
}
