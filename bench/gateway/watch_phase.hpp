#pragma once

#include <vector>

#include "bench/gateway/report.hpp"

namespace kactor::bench::gateway {

// Goal 3: opens `opts.watchers` watches on one namespace's configmaps from the current
// resourceVersion, then creates `opts.writes` ConfigMaps one at a time, `opts.write_spacing`
// apart, on a separate connection. Delivery latency of each (watcher, write) pair is measured
// from the write's 201 being received (the goal's figure) and from its request being sent;
// deliveries not received within 20 s of the last write count as missing, duplicates are
// counted. Judges p99 <= 50 ms with nothing missing.
std::vector<goal> run_watch_phase(const endpoint& ep, const bench_options& opts);

}  // namespace kactor::bench::gateway
