#pragma once

#include <memory>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include "actors/apiclient/api_client.hpp"
#include "node/simulated/sim_options.hpp"

namespace spdlog {
class logger;
}

// One simulated node: an actor that behaves towards the API as a kubelet does. It registers
// its Node, renews its Lease, posts its status when it changes (and every
// status_report_frequency), and runs the pods bound to it through the simulation
// (sim_pod.hpp), writing their status and, once they are deleted, the final delete.
//
// Protocol (from its hub, simulated_nodes.cpp):
//   (sim_register_atom)                      register now; answer (sim_registered_atom, index)
//                                            to the hub once Node, status and Lease are written
//   (informer::event_atom, notification)     a change of one of its pods or of its Node
namespace kactor::node::simulated {

using sim_register_atom = caf::atom_constant<caf::atom("sim_reg")>;
using sim_registered_atom = caf::atom_constant<caf::atom("sim_regd")>;

struct sim_node_deps {
  std::shared_ptr<const simulated_nodes_options> opts;
  std::shared_ptr<apiclient::api_client> client;
  std::shared_ptr<spdlog::logger> log;
  caf::actor hub;
};

caf::behavior sim_node(caf::event_based_actor* self, sim_node_deps deps, int index);

}  // namespace kactor::node::simulated
