#pragma once

#include <memory>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/expected.hpp>

#include "node/simulated/sim_options.hpp"

namespace spdlog {
class logger;
}

// N simulated nodes in one process (docs/simulated.md): one actor per node (sim_node.hpp)
// under a hub that shares two bus connections, one API client and two informers among them:
// the pods bound to its nodes and their Nodes. Nodes register a few at a time
// (registration_concurrency), so thousands do not hit the gateway at once. They use the same
// bus subjects, informers and API routes as real kubelets, so the scheduler and controllers
// cannot tell them apart, except by the label and taint.
namespace kactor::node::simulated {

// Spawns the hub and its nodes. Fails with caf::sec::invalid_argument for a count outside
// 1..max_simulated_nodes or an empty prefix, and with the bus error when the connections
// cannot be opened. Exit the actor to stop every node (their Nodes stay in the API and go
// NotReady as real nodes do).
caf::expected<caf::actor> spawn_simulated_nodes(caf::actor_system& sys,
                                                simulated_nodes_options options,
                                                std::shared_ptr<spdlog::logger> log);

}  // namespace kactor::node::simulated
