#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

namespace spdlog {
class logger;
}

namespace kactor::bus {
class connection;
}

namespace kactor::cmd {

// What the state probe saw last: whether the state role answers. Thread-safe; the health
// checks read it on HTTP threads.
class state_health {
 public:
  // nullopt while the last status request was answered; otherwise why not ("not answered yet",
  // "status: nats: no responders ...", "the state actor stopped: ...").
  std::optional<std::string> failure() const;
  // The store revision of the last answer; 0 before the first.
  std::uint64_t revision() const;

  void set_answered(std::uint64_t revision);
  void set_failure(std::string why);

 private:
  mutable std::mutex mutex_;  // guards both fields
  std::optional<std::string> failure_{"the state role has not answered yet"};
  std::uint64_t revision_ = 0;
};

struct state_probe_options {
  // Between two status requests while the role answers. Default: 2 s.
  std::chrono::milliseconds interval{2'000};
  // Between two status requests while it does not (it is starting, the bus is down, the last
  // request failed): a cheap request, so readiness comes back soon after the role does.
  // Default: 50 ms.
  std::chrono::milliseconds retry_interval{50};
  // Deadline of one status request. Default: 2 s.
  std::chrono::milliseconds timeout{2'000};
};

struct state_probe_callbacks {
  // Called once, at the first answer, with its revision. Runs on a CAF thread: must not block.
  std::function<void(std::uint64_t revision)> ready;
  // Called once when the state actor terminates while the probe runs (only a bug ends it: the
  // role is broken), with why. Runs on a CAF thread: must not block.
  std::function<void(const std::string& why)> lost;
};

// Spawns the probe: it asks kactor.v1.state.status over `conn` (interval apart while it
// answers, retry_interval apart while it does not), records each outcome in `health`, logs when the
// role stops answering and when it answers again, and monitors `state_actor`. Stop it (an exit
// message) before stopping the role, or `lost` reports the planned stop.
caf::actor spawn_state_probe(caf::actor_system& sys, std::shared_ptr<bus::connection> conn,
                             caf::actor state_actor, std::shared_ptr<state_health> health,
                             std::shared_ptr<spdlog::logger> log, state_probe_callbacks callbacks,
                             state_probe_options options = {});

}  // namespace kactor::cmd
