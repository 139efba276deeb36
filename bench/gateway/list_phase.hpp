#pragma once

#include <vector>

#include "bench/gateway/report.hpp"

namespace kactor::bench::gateway {

// Goal 2: creates `opts.pods` pods in one namespace through the API (100 clients in closed
// loop), then times `opts.list_repeats` full LISTs of that namespace as JSON and as a
// server-side Table (time to the last byte on one keep-alive connection). Judges p99 <= 100 ms
// for each; a LIST that does not return every pod fails its goal.
std::vector<goal> run_list_phase(const endpoint& ep, const bench_options& opts);

}  // namespace kactor::bench::gateway
