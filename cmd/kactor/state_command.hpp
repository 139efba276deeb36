#pragma once

#include <memory>
#include <string_view>

#include "cmd/kactor/shutdown_signal.hpp"
#include "config/state_command_config.hpp"

namespace kactor::cmd {

// Runs `kactor state`: the state role alone, on the NATS server at cfg.nats_url, its store in
// <data_dir>/state, until SIGTERM/SIGINT (or a stop request through `stop`). Holds the data
// dir's lock (data_dir.hpp) so no other kactor uses the store at the same time; logs to stderr
// and <data_dir>/logs/kactor.log. Prints one line to stdout once the role answers on the bus:
//   kactor state: ready (bus nats://127.0.0.1:4222, data dir /var/lib/kactor, revision 1)
// Returns the exit code: 0 after a clean shutdown; 1 when startup fails (data dir in use, a
// corrupt store: the reason is printed to stderr), when the state actor ends while serving
// (a bug), or when the shutdown exceeds cfg.shutdown_grace. Precondition:
// block_shutdown_signals() ran before any thread started.
int run_state(const config::state_command_config& cfg, std::string_view version,
              std::shared_ptr<shutdown_signal> stop);

}  // namespace kactor::cmd
