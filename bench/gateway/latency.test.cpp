#include "bench/gateway/latency.hpp"

#include <doctest/doctest.h>

namespace gw = kactor::bench::gateway;

TEST_CASE("nearest-rank percentiles") {
  std::vector<double> samples;
  for (int i = 200; i >= 1; --i)
    samples.push_back(i);  // 1..200, unsorted
  auto s = gw::summarize(samples);
  CHECK(s.count == 200);
  CHECK(s.p50_ms == 100);
  CHECK(s.p99_ms == 198);
  CHECK(s.max_ms == 200);
  CHECK(s.mean_ms == doctest::Approx(100.5));
}

TEST_CASE("a single sample is every percentile; no samples give zeros") {
  std::vector<double> one{3.5};
  auto s = gw::summarize(one);
  CHECK(s.p50_ms == 3.5);
  CHECK(s.p99_ms == 3.5);
  std::vector<double> none;
  auto z = gw::summarize(none);
  CHECK(z.count == 0);
  CHECK(z.p99_ms == 0);
}

TEST_CASE("elapsed_ms is signed") {
  auto t0 = std::chrono::steady_clock::now();
  auto t1 = t0 + std::chrono::microseconds(1500);
  CHECK(gw::elapsed_ms(t0, t1) == doctest::Approx(1.5));
  CHECK(gw::elapsed_ms(t1, t0) == doctest::Approx(-1.5));
}
