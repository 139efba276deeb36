#pragma once

#include <memory>
#include <string_view>

#include "cmd/kactor/shutdown_signal.hpp"
#include "config/gateway_command_config.hpp"

namespace kactor::cmd {

// Runs `kactor gateway`: the Kubernetes API (rest::api_server: bus connection, watch cache,
// routes) and its HTTP listener with the health endpoints, on the bus at cfg.nats_url, until
// SIGTERM/SIGINT (or a stop request through `stop`). Takes no data dir lock and writes no file
// but cfg.log_file: any number of gateways may serve one cluster beside `kactor up`. Logs to
// stderr (and cfg.log_file when set). Prints one line to stdout once the listener is up AND
// its own /readyz passes (bus connected, watch cache synced, system namespaces present):
//   kactor gateway: ready (http 127.0.0.1:6443, bus nats://127.0.0.1:4222)
// An unreachable bus is not a startup failure: the connections keep trying and the line waits.
// On shutdown /readyz fails first, then the listener drains (watches end with their final
// chunk), then the API's bus connections close.
// Returns the exit code: 0 after a clean shutdown; 1 when startup fails (the port cannot be
// bound, the log file cannot be opened: the reason is printed to stderr), or when the
// shutdown exceeds cfg.shutdown_grace. Precondition: block_shutdown_signals() ran before any
// thread started.
int run_gateway(const config::gateway_command_config& cfg, std::string_view version,
                std::shared_ptr<shutdown_signal> stop);

}  // namespace kactor::cmd
