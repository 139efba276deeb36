#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

// Latency bookkeeping of bench_gateway: samples in milliseconds, summarised by nearest-rank
// percentiles.
namespace kactor::bench::gateway {

// What one set of samples says: count, nearest-rank p50/p99, the maximum and the mean (ms).
// All figures are 0 when there are no samples.
struct latency_summary {
  std::size_t count = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  double mean_ms = 0;
};

// Nearest-rank percentile `p` (0 < p <= 100) of `sorted` (ascending); 0 when empty.
double percentile(const std::vector<double>& sorted, double p);

// Summarises `samples_ms` (any order; the vector is sorted in place).
latency_summary summarize(std::vector<double>& samples_ms);

// Milliseconds between two steady-clock points (negative when `to` is before `from`).
double elapsed_ms(std::chrono::steady_clock::time_point from,
                  std::chrono::steady_clock::time_point to);

// "p50 1.23 ms, p99 4.56 ms, max 7.89 ms" for the figure lines.
std::string format_latency(const latency_summary& s);

}  // namespace kactor::bench::gateway
