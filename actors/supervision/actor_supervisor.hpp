#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/atom.hpp>

#include "config/restart_policy.hpp"

namespace spdlog {
class logger;
}

namespace kactor::supervision {

// A one-for-one supervisor of actors, after Erlang/OTP: it links to every child and traps
// their exits. A child that ends with an error (an exception, quit(error), a kill) is
// respawned through its spec after a back-off (restart_policy: min, doubling to max, reset
// after stable_after of uptime), and the restart is logged and counted. A child that ends
// normally (quit() or exit_reason::user_shutdown) is not restarted. When the supervisor
// itself ends, for whatever reason, the links end every child with the same reason.
//
// Other actors must not keep a child's handle across restarts: ask the supervisor
// (which_atom) for the current one.

// One supervised actor.
struct actor_spec {
  std::string name;  // unique among the supervisor's children: "nats-server"
  // Spawns a fresh instance; called on the supervisor's thread at start and at each restart.
  // Must not link the child to anything else.
  std::function<caf::actor(caf::actor_system&)> start;
  config::restart_policy restart;
};

// (which_atom, std::string name) -> caf::actor: the child's current handle; an invalid
// (default) handle while it waits for a restart, after it ended normally, or for an unknown
// name.
using which_atom = caf::atom_constant<caf::atom("sv_which")>;
// To the listener: (restarted_atom, std::string name, uint64_t restarts, std::string reason)
// after each restart, `reason` the CAF rendering of the previous instance's exit reason.
using restarted_atom = caf::atom_constant<caf::atom("sv_restart")>;

// Spawns the supervisor and, in order, its children. `log` null: spdlog's default logger.
// `listener` (may be null) receives restarted_atom.
caf::actor spawn_actor_supervisor(caf::actor_system& sys, std::string name,
                                  std::vector<actor_spec> children,
                                  std::shared_ptr<spdlog::logger> log = nullptr,
                                  caf::actor listener = {});

}  // namespace kactor::supervision
