#include "actors/supervision/backoff.hpp"

#include <algorithm>

namespace kactor::supervision {

backoff::backoff(config::restart_policy policy) : policy_(policy), current_(policy.backoff_min) {}

std::chrono::milliseconds backoff::next(std::chrono::milliseconds uptime) {
  if (uptime >= policy_.stable_after) current_ = policy_.backoff_min;
  auto delay = std::min(current_, policy_.backoff_max);
  current_ = std::min(current_ * 2, policy_.backoff_max);
  return delay;
}

}  // namespace kactor::supervision
