#pragma once

#include <vector>

#include "bench/gateway/report.hpp"

namespace kactor::bench::gateway {

// The writes of a running cluster, each with the User-Agent of the component that makes it (so
// the gateway tracks managedFields as for real clients), in closed loop at each of
// `opts.clients` concurrencies for `opts.duration`, one figure line per run:
// - create pod (kube-controller-manager), into namespace bench-writes;
// - bind each pod just created to a node through pods/binding (kube-scheduler);
// - PUT pods/status of one pod per client, its restartCount changing every time (kubelet);
// - PUT a Lease per client, its renewTime changing every time (kubelet).
// Judges nothing (no goal is set for these); on a setup failure it prints why and returns a
// failed goal.
std::vector<goal> run_write_phase(const endpoint& ep, const bench_options& opts);

}  // namespace kactor::bench::gateway
