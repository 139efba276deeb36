#pragma once

#include <chrono>

#include "config/restart_policy.hpp"

namespace kactor::supervision {

// The restart delay sequence of one supervised child (config::restart_policy): min, 2*min,
// 4*min ... capped at max, back to min once the child stayed up for `stable_after`.
// Worked example, policy 100ms/5s/10s: crashes after 1 s uptime wait 100, 200, 400, 800,
// 1600, 3200, 5000, 5000 ms; a crash after 12 s uptime waits 100 ms again.
// Pure arithmetic: the caller measures uptime, so tests need no clock.
class backoff {
 public:
  explicit backoff(config::restart_policy policy);

  // The delay before restarting a child that ran for `uptime` before it exited; advances
  // the sequence.
  std::chrono::milliseconds next(std::chrono::milliseconds uptime);

  const config::restart_policy& policy() const { return policy_; }

 private:
  config::restart_policy policy_;
  std::chrono::milliseconds current_;
};

}  // namespace kactor::supervision
