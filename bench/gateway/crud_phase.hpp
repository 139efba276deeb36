#pragma once

#include <vector>

#include "bench/gateway/report.hpp"

namespace kactor::bench::gateway {

// Goal 1: create (ConfigMap, Pod), get and list (a namespace of 100 ConfigMaps) in closed loop
// at each of `opts.clients` concurrencies for `opts.duration`, one figure line per run.
// Judges create p99 <= 20 ms at 100 clients (when 100 is among the levels). On a setup failure
// it prints why and returns a failed goal.
std::vector<goal> run_crud_phase(const endpoint& ep, const bench_options& opts);

}  // namespace kactor::bench::gateway
