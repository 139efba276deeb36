#include "actors/supervision/backoff.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace std::chrono_literals;
using kactor::supervision::backoff;

TEST_CASE("delays double from min to max while the child keeps crashing quickly") {
  backoff b{{100ms, 5s, 10s}};
  std::vector<std::chrono::milliseconds> delays;
  for (int i = 0; i < 9; ++i)
    delays.push_back(b.next(1s));
  CHECK(delays == std::vector<std::chrono::milliseconds>{100ms, 200ms, 400ms, 800ms, 1600ms, 3200ms,
                                                         5s, 5s, 5s});
}

TEST_CASE("a child that stayed up for stable_after starts again at min") {
  backoff b{{100ms, 5s, 10s}};
  b.next(0ms);
  b.next(0ms);
  CHECK(b.next(9999ms) == 400ms);
  CHECK(b.next(10s) == 100ms);
  CHECK(b.next(0ms) == 200ms);
}

TEST_CASE("min equal to max gives a constant delay") {
  backoff b{{1s, 1s, 10s}};
  CHECK(b.next(0ms) == 1s);
  CHECK(b.next(0ms) == 1s);
}
