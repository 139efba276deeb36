#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "bench/gateway/closed_loop.hpp"
#include "bench/gateway/http_client.hpp"

// What bench_gateway's phases share: their options, the goals they judge, and the setup calls.
namespace kactor::bench::gateway {

struct bench_options {
  std::chrono::milliseconds duration{5000};      // of each closed-loop run
  std::vector<std::size_t> clients{1, 10, 100};  // concurrency levels of the CRUD runs
  std::size_t pods = 10000;                      // pods in the LIST namespace
  std::size_t list_repeats = 20;                 // timed LISTs per format
  std::size_t watchers = 1000;
  std::size_t writes = 100;                     // writes seen by every watcher
  std::chrono::milliseconds write_spacing{20};  // from one write's send to the next
};

// One of the goals, judged on a measured figure.
struct goal {
  std::string name;     // e.g. "create configmap p99 at 100 clients <= 20 ms"
  double measured = 0;  // in the goal's unit
  double limit = 0;
  bool met = false;
};

// Prints one figure line of a closed-loop run: "<what> clients=N: R req/s, p50 .., p99 ..".
void print_load_line(const std::string& what, std::size_t clients, const load_result& r);

// Makes a goal "measured <= limit" and prints its line; `complete` false (some requests failed
// or deliveries are missing) fails the goal whatever the figure.
goal judge(const std::string& name, double measured, double limit, bool complete = true);

// Creates namespace `name` (201, or 409 when it exists). Returns "" or why it failed.
std::string ensure_namespace(http_client& client, const std::string& name);

// "1.5 MiB" style sizes for the figure lines.
std::string format_bytes(double bytes);

}  // namespace kactor::bench::gateway
