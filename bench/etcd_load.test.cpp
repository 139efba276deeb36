#include "bench/etcd_load.hpp"

#include <doctest/doctest.h>

#include "k8s/core/v1/config.pb.h"

namespace kactor::bench {

namespace {

using std::chrono::microseconds;

bench_clock::time_point at_us(long us) {
  return bench_clock::time_point(microseconds(us));
}

}  // namespace

TEST_CASE("percentile is the nearest rank") {
  std::vector<double> values{5, 1, 4, 2, 3};
  CHECK(percentile(values, 0.5) == 3);
  CHECK(percentile(values, 0.99) == 5);
  CHECK(percentile(values, 0.0) == 1);
  std::vector<double> hundred;
  for (int i = 100; i >= 1; --i)
    hundred.push_back(i);
  CHECK(percentile(hundred, 0.99) == 99);
  std::vector<double> none;
  CHECK(percentile(none, 0.5) == 0);
}

TEST_CASE("keys and values are the same for both systems") {
  CHECK(bench_name("p2", 3, 17) == "p2-c3-17");
  CHECK(bench_key("p2-c3-17") == "/registry/configmaps/bench/p2-c3-17");
  auto bytes = bench_value("p2-c3-17");
  k8s::core::v1::ConfigMap map;
  REQUIRE(map.ParseFromString(bytes));
  CHECK(map.metadata().name() == "p2-c3-17");
  CHECK(map.metadata().namespace_() == "bench");
  CHECK(map.data().at("value").size() == 1024);
  CHECK(bytes.size() > 1024);
  CHECK(bytes.size() < 1100);
}

TEST_CASE("summarize: throughput, ack latency, errors") {
  load_spec spec;
  spec.run = "p1";
  spec.clients = 2;
  run_log log;
  log.begin = at_us(0);
  log.end = at_us(2'000'000);  // 2 s
  log.clients.resize(2);
  log.clients[0].puts = {{0, at_us(0), at_us(1000)}, {1, at_us(1000), at_us(4000)}};
  log.clients[1].puts = {{0, at_us(0), at_us(2000)}};
  log.clients[1].errors = 1;
  log.clients[1].first_error = "boom";
  auto s = summarize(spec, log);
  CHECK(s.clients == 2);
  CHECK(s.puts == 3);
  CHECK(s.errors == 1);
  CHECK(s.first_error == "boom");
  CHECK(s.puts_per_second == doctest::Approx(1.5));
  CHECK(s.p50_ms == doctest::Approx(2.0));
  CHECK(s.p99_ms == doctest::Approx(3.0));
  CHECK_FALSE(s.watch);
}

TEST_CASE("summarize: watch latency joins events to puts by name") {
  load_spec spec;
  spec.run = "w";
  spec.clients = 1;
  spec.watch = true;
  run_log log;
  log.begin = at_us(0);
  log.end = at_us(1'000'000);
  log.clients.resize(1);
  log.clients[0].puts = {
      {0, at_us(0), at_us(1000)}, {1, at_us(1000), at_us(2000)}, {2, at_us(2000), at_us(3000)}};
  // Put 0's event 500 us after its ack, put 1's 200 us before it, put 2's never; an event
  // of another run is ignored.
  log.watch.events = {{"w-c0-0", at_us(1500)}, {"w-c0-1", at_us(1800)}, {"x-c0-2", at_us(3100)}};
  auto s = summarize(spec, log);
  REQUIRE(s.watch);
  CHECK(s.watch->events == 2);
  CHECK(s.watch->missing == 1);
  CHECK(s.watch->early == 1);
  CHECK(s.watch->p50_ms == doctest::Approx(-0.2));
  CHECK(s.watch->p99_ms == doctest::Approx(0.5));
}

}  // namespace kactor::bench
