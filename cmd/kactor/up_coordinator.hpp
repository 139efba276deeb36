#pragma once

#include <functional>
#include <memory>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/atom.hpp>

namespace spdlog {
class logger;
}

namespace kactor::cmd {

using up_status_atom = caf::atom_constant<caf::atom("up_status")>;
using shutdown_atom = caf::atom_constant<caf::atom("up_shutdn")>;
using state_ready_atom = caf::atom_constant<caf::atom("up_state")>;
using http_ready_atom = caf::atom_constant<caf::atom("up_http")>;

// What `kactor up` hosts, for the ready line and logs.
struct up_endpoints {
  std::string http;     // "127.0.0.1:6443"
  std::string bus_url;  // "nats://127.0.0.1:41234"
  std::string data_dir;
};

// The actor of `kactor up` that watches what the process hosts. It receives
//   from the bus connection (it is the owner): bus::up_atom, down_atom, closed_atom,
//     slow_atom, error_atom (actors/bus/events.hpp);
//   from the nats-server supervisor (it is the listener): supervision::started_atom and
//     exited_atom;
//   from the state probe (state_host.hpp): (state_ready_atom, uint64_t revision) once the state
//     role answered on the bus for the first time;
//   from `kactor up`: (http_ready_atom, std::string address) once the API listener is up;
// logs each, and calls `announce` exactly once, with the ready line, when it has seen a
// bus_up, state_ready and http_ready. `announce` runs on a CAF thread.
// It answers (up_status_atom) with (bool announced, uint64_t bus_losses). After
// (shutdown_atom) it logs the bus going down as part of the shutdown, not as a loss.
caf::actor spawn_up_coordinator(caf::actor_system& sys, up_endpoints endpoints,
                                std::shared_ptr<spdlog::logger> log,
                                std::function<void(const std::string&)> announce);

// The line `kactor up` prints to stdout when everything it hosts is up.
std::string ready_line(const up_endpoints& endpoints);

}  // namespace kactor::cmd
