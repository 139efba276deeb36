#pragma once

#include <memory>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>

namespace spdlog {
class logger;
}

// The owner of a watch cache's two bus connections: it receives their connection events
// (bus_up, bus_down, bus_slow, bus_closed, bus_error; actors/bus/events.hpp) and forwards
// up, down and slow to every informer, which need them to catch up after a loss
// (docs/informer.md). Events that arrive before the targets are set are dropped: informers
// that start meanwhile list or retry on their own.
namespace kactor::watchcache {

// (hub_targets_atom, std::vector<caf::actor>): the informers to forward to (replaces).
using hub_targets_atom = caf::atom_constant<caf::atom("hub_target")>;

caf::actor spawn_bus_hub(caf::actor_system& sys, std::shared_ptr<spdlog::logger> log);

}  // namespace kactor::watchcache

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<caf::actor>)
