#pragma once

#include <chrono>

namespace kactor::config {

// Exponential back-off between restarts of a supervised child (process or actor).
// The first restart waits `backoff_min`; each further one doubles the wait up to
// `backoff_max`. A child that stayed up for `stable_after` counts as healthy again: its next
// restart waits `backoff_min` anew.
struct restart_policy {
  // First restart delay. Default: 100 ms.
  std::chrono::milliseconds backoff_min{100};
  // Largest restart delay. Default: 5 s.
  std::chrono::milliseconds backoff_max{5'000};
  // Uptime after which the back-off resets. Default: 10 s.
  std::chrono::milliseconds stable_after{10'000};
};

}  // namespace kactor::config
