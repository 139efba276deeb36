#include "actors/controllers/common/work_queue.hpp"

#include <doctest/doctest.h>

using namespace kactor::controllers;
using namespace std::chrono_literals;

TEST_CASE("work_queue: a key queued twice is handed out once") {
  work_queue q;
  auto t = steady::time_point{};
  q.add("default/a");
  q.add("default/b");
  q.add("default/a");
  CHECK(q.queued() == 2);
  CHECK(q.pop(t) == "default/a");
  CHECK(q.pop(t) == "default/b");
  CHECK(!q.pop(t));
}

TEST_CASE("work_queue: a key added while processing is processed once more after done") {
  work_queue q;
  auto t = steady::time_point{};
  q.add("k");
  REQUIRE(q.pop(t) == "k");
  q.add("k");
  q.add("k");
  CHECK(!q.pop(t));  // never two workers on one key
  q.done("k");
  CHECK(q.pop(t) == "k");
  q.done("k");
  CHECK(!q.pop(t));
  CHECK(q.processing() == 0);
}

TEST_CASE("work_queue: delayed keys become ready at their time, the earliest time wins") {
  work_queue q;
  auto t = steady::time_point{} + 1s;
  q.add_after("k", 100ms, t);
  q.add_after("k", 50ms, t);
  q.add_after("k", 200ms, t);
  CHECK(q.next_due() == t + 50ms);
  CHECK(!q.pop(t + 49ms));
  CHECK(q.pop(t + 50ms) == "k");
  CHECK(!q.next_due());
}

TEST_CASE("backoff: 5 ms doubling up to 1000 s, reset by forget") {
  backoff_limiter l;
  CHECK(l.when("k") == 5ms);
  CHECK(l.when("k") == 10ms);
  CHECK(l.when("k") == 20ms);
  CHECK(l.when("other") == 5ms);
  for (int i = 0; i < 60; ++i)
    l.when("k");
  CHECK(l.when("k") == 1000s);
  CHECK(l.failures("k") == 64);
  l.forget("k");
  CHECK(l.when("k") == 5ms);
}

TEST_CASE("work_queue: add_rate_limited backs off per key") {
  work_queue q;
  auto t = steady::time_point{};
  q.add_rate_limited("k", t);
  CHECK(q.next_due() == t + 5ms);
  REQUIRE(q.pop(t + 5ms) == "k");
  q.done("k");
  q.add_rate_limited("k", t);
  CHECK(q.next_due() == t + 10ms);
  q.forget("k");
  CHECK(q.failures("k") == 0);
}
