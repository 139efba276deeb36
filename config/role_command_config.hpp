#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "config/log_config.hpp"
#include "config/result.hpp"

namespace kactor::config {

// `kactor scheduler`, `kactor controller-manager` and `kactor kubelet`: one control-loop role
// alone in a process, on the bus of a running cluster (it writes through a gateway on that bus).
// YAML sections `scheduler`, `controller_manager` and `kubelet`; each command has the common
// fields and its own (role_fields.hpp lists which); docs/config.md documents every one.
struct role_command_config {
  // --- every role ---
  // Data directory of a running `kactor up`: only <data_dir>/nats-url is read. Used when
  // nats_url is empty. Flag --data-dir. Default: empty.
  std::filesystem::path data_dir;
  // URL of the NATS server. Empty: the URL in <data_dir>/nats-url. Flag --nats. Default: empty.
  std::string nats_url;
  // Upper bound for a clean shutdown after SIGTERM/SIGINT. Default: 15 s.
  std::chrono::milliseconds shutdown_grace{15'000};
  log_config log;
  // File the log is also appended to. Flag --log-file. Default: empty (stderr only).
  std::filesystem::path log_file;

  // --- scheduler and controller-manager: leader election (Lease in kube-system) ---
  bool leader_elect = true;                          // --leader-elect
  std::chrono::milliseconds lease_duration{15'000};  // --leader-elect-lease-duration
  std::chrono::milliseconds renew_deadline{10'000};  // --leader-elect-renew-deadline
  std::chrono::milliseconds retry_period{2'000};     // --leader-elect-retry-period

  // --- scheduler: plugins and weights (actors/scheduler/scheduler_config.hpp's YAML) ---
  std::filesystem::path scheduler_config_file;  // --scheduler-config; empty: the defaults
  std::string scheduler_config_text;            // its content, read by finalize()

  // --- controller-manager: node lifecycle ---
  std::chrono::milliseconds node_monitor_period{5'000};         // --node-monitor-period
  std::chrono::milliseconds node_monitor_grace_period{40'000};  // --node-monitor-grace-period

  // --- kubelet ---
  std::string node_name;              // --hostname-override; default: the host name
  std::string node_ip = "127.0.0.1";  // --node-ip
  // The kubelet's own HTTP endpoint (/healthz, /pods, /stats/summary). --address, --port
  // (0: any free port, advertised in the Node's daemonEndpoints).
  std::string http_address = "127.0.0.1";
  std::uint16_t http_port = 0;
  // Pod logs and the runtime's state. --root-dir. Default: <data_dir>/kubelet/<node>, or
  // /tmp/kactor-kubelet-<node> without a data dir.
  std::filesystem::path root_dir;
  std::chrono::milliseconds node_status_update_frequency{10'000};  // --node-status-update-frequency
  std::filesystem::path pod_manifest_path;                         // --pod-manifest-path
  std::chrono::milliseconds file_check_frequency{20'000};          // --file-check-frequency
  std::string manifest_url;                                        // --manifest-url
  std::chrono::milliseconds http_check_frequency{20'000};          // --http-check-frequency

  // --- kubelet --simulate: simulated nodes instead of this machine (docs/simulated.md) ---
  std::uint32_t simulate = 0;                             // --simulate N; 0: the real kubelet
  std::string simulate_prefix = "sim";                    // --simulate-prefix: <prefix>-<i>
  std::string simulate_cpu = "32";                        // --simulate-cpu
  std::string simulate_memory = "256Gi";                  // --simulate-memory
  std::uint32_t simulate_max_pods = 110;                  // --simulate-max-pods
  std::map<std::string, std::string> simulate_labels;     // --simulate-labels k=v,k2=v2
  std::uint32_t simulate_zones = 3;                       // --simulate-zones
  bool simulate_taint = true;                             // --simulate-taint
  std::chrono::milliseconds simulate_pod_start_delay{0};  // --simulate-pod-start-delay
};

// Checks what single fields cannot (a bus to use, positive periods, renew_deadline <
// lease_duration), makes paths absolute and, when nats_url is empty, reads it from
// <data_dir>/nats-url. `section` names fields in errors ("scheduler").
result<role_command_config> finalize(role_command_config cfg, const std::string& section);

// The URL in <data_dir>/nats-url (its first line), or an error naming `field`.
result<std::string> nats_url_from_data_dir(const std::string& field,
                                           const std::filesystem::path& data_dir);

}  // namespace kactor::config
