#include "actors/controllers/common/expectations.hpp"

#include <doctest/doctest.h>

using namespace kactor::controllers;
using namespace std::chrono_literals;

TEST_CASE("expectations: satisfied without a record, unsatisfied until every creation is seen") {
  expectations e;
  auto t = steady::time_point{} + 1h;
  CHECK(e.satisfied("default/web", t));
  e.expect("default/web", 2, {}, t);
  CHECK(!e.satisfied("default/web", t));
  e.creation_observed("default/web");
  CHECK(e.pending_creations("default/web") == 1);
  CHECK(!e.satisfied("default/web", t));
  e.creation_observed("default/web");
  CHECK(e.satisfied("default/web", t));
  e.creation_observed("default/web");  // more than expected: stays satisfied, never negative
  CHECK(e.pending_creations("default/web") == 0);
}

TEST_CASE("expectations: deletions are tracked by uid, a deletion seen twice counts once") {
  expectations e;
  auto t = steady::time_point{};
  e.expect("ns/rs", 0, {"u1", "u2"}, t);
  e.deletion_observed("ns/rs", "u1");
  e.deletion_observed("ns/rs", "u1");
  CHECK(!e.satisfied("ns/rs", t));
  e.deletion_observed("ns/rs", "other");
  CHECK(e.pending_deletions("ns/rs") == 1);
  e.deletion_observed("ns/rs", "u2");
  CHECK(e.satisfied("ns/rs", t));
}

TEST_CASE("expectations: a record expires after 5 minutes; forget drops it") {
  expectations e;
  auto t = steady::time_point{};
  e.expect("k", 3, {}, t);
  CHECK(!e.satisfied("k", t + 5min));
  CHECK(e.satisfied("k", t + 5min + 1ms));
  e.expect("k", 1, {}, t);
  e.forget("k");
  CHECK(e.satisfied("k", t));
  CHECK(e.pending_creations("k") == 0);
}
