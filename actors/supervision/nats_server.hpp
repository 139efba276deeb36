#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include <caf/expected.hpp>

#include "actors/supervision/process_supervisor.hpp"
#include "config/nats_server_config.hpp"

namespace kactor::supervision {

// The embedded nats-server of `kactor up`, planned once per kactor process: the port is
// fixed here and every restart reuses it, so bus clients reconnect to the same URL.
struct nats_server_plan {
  process_spec spec;   // argv, log file, pid file, restart policy, stop grace
  std::uint16_t port;  // the client port on 127.0.0.1
  std::string url;     // "nats://127.0.0.1:<port>"
};

// The largest message the embedded nats-server accepts (its default is 1 MiB): a watch event
// holds an object of up to 1.5 MiB (etcd's limit) and its previous version.
inline constexpr std::size_t max_payload_bytes = 8 * 1024 * 1024;

// Builds the plan for `cfg` under `data_dir` (which must exist):
//   conf   <data_dir>/nats/nats-server.conf (max_payload; rewritten at every plan)
//   argv   <cfg.path> -c <conf> -a 127.0.0.1 -p <port> -n kactor-<port> [-js -sd
//   <data_dir>/nats/jetstream] output <data_dir>/logs/nats-server.log (appended; <data_dir>/logs is
//   created) pid    <data_dir>/nats.pid
// The port is cfg.port, or, when 0, a port that is free on 127.0.0.1 now. Fails when no
// free port can be found or a directory cannot be created.
caf::expected<nats_server_plan> plan_nats_server(const config::nats_server_config& cfg,
                                                 const std::filesystem::path& data_dir);

// A TCP port that is free on 127.0.0.1 right now (bind to port 0, read it, close). Another
// process may take it before we use it; nats-server then fails to listen, exits, and its
// supervisor keeps retrying with back-off (the failure is in the nats-server log).
caf::expected<std::uint16_t> pick_free_port();

// True when something accepts TCP connections on 127.0.0.1:`port` within `timeout`.
bool accepts_connections(std::uint16_t port, std::chrono::milliseconds timeout);

}  // namespace kactor::supervision
