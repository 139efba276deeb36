#include "bench/gateway/latency.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace kactor::bench::gateway {

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  // Nearest rank: the smallest sample with at least p% of the samples at or below it,
  // e.g. p99 of 200 samples is the 198th (index 197).
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

latency_summary summarize(std::vector<double>& samples_ms) {
  latency_summary s;
  if (samples_ms.empty()) return s;
  std::sort(samples_ms.begin(), samples_ms.end());
  s.count = samples_ms.size();
  s.p50_ms = percentile(samples_ms, 50);
  s.p99_ms = percentile(samples_ms, 99);
  s.max_ms = samples_ms.back();
  s.mean_ms = std::accumulate(samples_ms.begin(), samples_ms.end(), 0.0) /
              static_cast<double>(samples_ms.size());
  return s;
}

double elapsed_ms(std::chrono::steady_clock::time_point from,
                  std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

std::string format_latency(const latency_summary& s) {
  char text[128];
  std::snprintf(text, sizeof text, "p50 %.2f ms, p99 %.2f ms, max %.2f ms", s.p50_ms, s.p99_ms,
                s.max_ms);
  return text;
}

}  // namespace kactor::bench::gateway
