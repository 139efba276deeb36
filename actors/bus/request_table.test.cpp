#include "actors/bus/request_table.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <set>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/bus/error.hpp"
#include "actors/bus/events.hpp"
#include "tests/support/mailbox.hpp"

namespace bus = kactor::bus;
using kactor::testing::next_message;
using namespace std::chrono_literals;

namespace {

struct fixture {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  caf::actor handle() { return caf::actor_cast<caf::actor>(self); }
};

}  // namespace

TEST_CASE_FIXTURE(fixture, "ids are unique and take ends a request once") {
  bus::detail::request_table table;
  auto a = table.add(handle(), "s.a", 30s);
  auto b = table.add(handle(), "s.b", 30s);
  CHECK(a > 0);
  CHECK(a != b);
  CHECK(table.size() == 2);
  auto taken = table.take(a);
  REQUIRE(taken.has_value());
  CHECK(taken->subject == "s.a");
  CHECK_FALSE(table.take(a).has_value());
  CHECK_FALSE(table.take(9999).has_value());
  CHECK(table.size() == 1);
}

TEST_CASE_FIXTURE(fixture, "an expired request reaches its requester as a timeout error") {
  bus::detail::request_table table;
  auto slow = table.add(handle(), "s.slow", 60s);
  auto fast = table.add(handle(), "s.fast", 20ms);
  auto msg = next_message(self, 30s);
  REQUIRE((msg.match_elements<caf::atom_value, uint64_t, caf::error>()));
  CHECK(msg.get_as<uint64_t>(1) == fast);
  auto err = msg.get_as<caf::error>(2);
  CHECK(err == bus::errc::timeout);
  CHECK(bus::describe(err) == "nats: request s.fast: no reply within 20 ms");
  CHECK_FALSE(table.take(fast).has_value());
  CHECK(table.take(slow).has_value());
}

TEST_CASE_FIXTURE(fixture, "a later, earlier deadline wakes the timer") {
  bus::detail::request_table table;
  table.add(handle(), "s.long", 3600s);
  auto shortly = table.add(handle(), "s.short", 10ms);
  auto msg = next_message(self, 30s);
  REQUIRE_FALSE(msg.empty());
  CHECK(msg.get_as<uint64_t>(1) == shortly);
}

TEST_CASE_FIXTURE(fixture, "fail_all ends every pending request with the given error") {
  bus::detail::request_table table;
  auto a = table.add(handle(), "s.a", 3600s);
  auto b = table.add(handle(), "s.b", 3600s);
  table.fail_all(bus::make_error(bus::errc::closed, "closed"));
  CHECK(table.size() == 0);
  std::set<uint64_t> ids;
  for (int i = 0; i < 2; ++i) {
    auto msg = next_message(self, 30s);
    REQUIRE((msg.match_elements<caf::atom_value, uint64_t, caf::error>()));
    CHECK(msg.get_as<caf::error>(2) == bus::errc::closed);
    ids.insert(msg.get_as<uint64_t>(1));
  }
  CHECK(ids == std::set<uint64_t>{a, b});
}
