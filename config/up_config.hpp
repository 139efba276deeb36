#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "config/http_config.hpp"
#include "config/log_config.hpp"
#include "config/nats_server_config.hpp"
#include "config/result.hpp"
#include "config/state_config.hpp"

namespace kactor::config {

// `kactor up`: every role in one process plus a supervised nats-server. YAML section `up`.
// docs/config.md lists every field; config/up_fields.test.cpp keeps that list complete.
struct up_config {
  // Directory for the store (<data_dir>/state), logs, the lock file and the bus URL file;
  // created when missing.
  // Required: flag --data-dir or `up.data_dir`. No default.
  std::filesystem::path data_dir;
  // URL of an external NATS server (`nats://host:port`, comma-separated for several). Empty:
  // run the embedded nats-server (see `nats_server`). Flag --nats. Default: empty.
  std::string nats_url;
  // Upper bound for a clean shutdown after SIGTERM/SIGINT; past it the process exits with
  // code 1 (children die with it). Default: 15 s.
  std::chrono::milliseconds shutdown_grace{15'000};
  // The roles this process hosts, comma-separated, from state, gateway, scheduler,
  // controller-manager, kubelet (state and gateway always run: the others need them).
  // Flag --roles. Default: every role.
  std::string roles = "state,gateway,scheduler,controller-manager,kubelet";
  // Settings of the hosted roles (the same meaning as in `kactor controller-manager` and
  // `kactor kubelet`, docs/config.md). Flags as there.
  std::chrono::milliseconds node_monitor_period{5'000};
  std::chrono::milliseconds node_monitor_grace_period{40'000};
  std::string node_name;  // empty: the host name
  std::chrono::milliseconds node_status_update_frequency{10'000};
  std::filesystem::path pod_manifest_path;
  std::chrono::milliseconds file_check_frequency{20'000};
  std::string manifest_url;
  std::chrono::milliseconds http_check_frequency{20'000};
  // Simulated nodes hosted beside the roles (docs/simulated.md), with `kactor kubelet
  // --simulate`'s defaults. Flag --simulated-nodes. Default: 0 (none).
  std::uint32_t simulated_nodes = 0;
  // Logging. Default: text, info.
  log_config log;
  // The HTTP listener; `up.port` and `up.bind_address` are its port and address, the rest is
  // under `up.http`. Default: 127.0.0.1:6443.
  http_config http;
  // The embedded nats-server (unused when nats_url is set).
  nats_server_config nats_server;
  // The state role it hosts (YAML section `state`, shared with `kactor state`).
  state_config state;
};

// True when `cfg.roles` names `role`.
bool runs_role(const up_config& cfg, std::string_view role);

// Where finalize() looks for programs. Injectable so tests do not depend on the machine.
struct environment {
  // The PATH variable: colon-separated directories.
  std::string path;
  // Reads the real process environment.
  static environment current();
};

// Checks what single fields cannot (required fields, back-off min <= max, the state section's
// checks) and resolves
// defaults that depend on the machine (nats_server.path). Makes data_dir absolute.
// Returns the first problem found, naming the field.
result<up_config> finalize(up_config cfg, const environment& env);

}  // namespace kactor::config
