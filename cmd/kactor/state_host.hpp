#pragma once

#include <memory>
#include <optional>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/expected.hpp>

#include "cmd/kactor/state_probe.hpp"
#include "storage/state/state_role.hpp"

namespace kactor::cmd {

// The state role as a kactor process hosts it (`kactor state`, `kactor up`): the role itself
// (storage/state/state_role.hpp) and a probe that tells whether it answers on the bus
// (state_probe.hpp), for the ready line and the `state` health check.
//
// Supervision: none inside. The state actor does not fail on bad input, so its end while the
// process runs is a bug; the probe reports it through callbacks.lost and the process wiring
// shuts the process down with exit code 1 (a supervisor of the process restarts it; the new
// epoch tells subscribers to catch up).
class state_host {
 public:
  // Starts the role on `options` (blocking: opens the store, connects, and waits up to 2 s for
  // the bus to register its subscriptions) and the probe, which asks over `probe_conn` and
  // records what it sees in `health` (the caller may register a health check on it first, so
  // readiness fails while the role starts).
  // Errors (caf::sec::runtime_error with the operator's message, see cmd/describe.hpp): the
  // role's start errors ("state: open /d/state: corrupt: ...").
  static caf::expected<std::unique_ptr<state_host>> start(
      caf::actor_system& sys, const state::state_role_options& options,
      std::shared_ptr<bus::connection> probe_conn, std::shared_ptr<state_health> health,
      std::shared_ptr<spdlog::logger> log, state_probe_callbacks callbacks,
      state_probe_options probe = {});

  state_host(const state_host&) = delete;
  state_host& operator=(const state_host&) = delete;
  ~state_host();  // stops

  // What the probe saw last.
  std::shared_ptr<const state_health> health() const { return health_; }
  // The role's epoch (WatchEvent.epoch of this incarnation).
  std::uint64_t epoch() const;

  // Stops the probe, then the role (which answers and publishes the writes it committed last,
  // then closes the store). Blocks; idempotent. Call from a non-actor thread.
  void stop();

  state_host(caf::actor_system& sys, state::state_role role, std::shared_ptr<state_health> health);

 private:
  caf::actor_system* sys_;
  std::optional<state::state_role> role_;
  std::shared_ptr<state_health> health_;
  caf::actor probe_;
};

}  // namespace kactor::cmd
