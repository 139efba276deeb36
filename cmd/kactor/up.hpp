#pragma once

#include <memory>
#include <string_view>

#include "cmd/kactor/shutdown_signal.hpp"
#include "config/up_config.hpp"

namespace kactor::cmd {

// Runs `kactor up` until SIGTERM/SIGINT (or a stop request through `stop`), then shuts
// down in order (see actors/supervision/process_supervisor.hpp for the tree). It hosts the
// HTTP listener, the nats-server, the bus connection and the state role (state_host.hpp, its
// store in <data_dir>/state), and prints the ready line once the state role answers on the
// bus. Returns the process exit code: 0 after a clean shutdown, 1 when startup fails (the
// reason is printed to stderr and logged) or the state actor ended while serving (a bug).
// Precondition: block_shutdown_signals() ran before any thread started.
int run_up(const config::up_config& cfg, std::string_view version,
           std::shared_ptr<shutdown_signal> stop);

}  // namespace kactor::cmd
