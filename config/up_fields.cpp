#include "config/up_fields.hpp"

#include <algorithm>

#include "config/common_fields.hpp"
#include "config/state_fields.hpp"
#include "config/values.hpp"

namespace kactor::config {
namespace {

std::string plain(const std::string& s) {
  return s;
}
std::string number(std::uint64_t n) {
  return std::to_string(n);
}
std::string boolean(bool b) {
  return b ? "true" : "false";
}

auto port_any = [](std::string_view t) { return parse_port(t, true); };
auto any_string = [](std::string_view t) -> result<std::string> { return std::string{t}; };

void add_restart(std::vector<field>& out, const std::string& prefix, restart_policy& r) {
  out.push_back(duration_field(prefix + ".backoff_min", "", r.backoff_min));
  out.push_back(duration_field(prefix + ".backoff_max", "", r.backoff_max));
  out.push_back(duration_field(prefix + ".stable_after", "", r.stable_after));
}

// A comma-separated list of known role names; state and gateway are always added.
result<std::string> parse_roles(std::string_view text) {
  static const std::vector<std::string_view> known = {"state", "gateway", "scheduler",
                                                      "controller-manager", "kubelet"};
  std::string out = "state,gateway";
  std::string_view rest = text;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    auto role = rest.substr(0, comma);
    if (std::find(known.begin(), known.end(), role) == known.end())
      return config_error{
          "expected roles among state, gateway, scheduler, controller-manager, "
          "kubelet, got \"" +
          std::string(role) + "\""};
    if (role != "state" && role != "gateway") out += "," + std::string(role);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace

std::vector<field> up_fields(up_config& cfg) {
  std::vector<field> out;
  out.push_back(path_field("up.data_dir", "--data-dir", cfg.data_dir));
  out.push_back(nats_url_field("up.nats_url", "--nats", cfg.nats_url));
  out.push_back(duration_field("up.shutdown_grace", "", cfg.shutdown_grace));
  out.push_back(bind_field("up.port", "--port", cfg.http.port, port_any, number));
  out.push_back(bind_field("up.bind_address", "--bind-address", cfg.http.bind_address,
                           parse_ip_address, plain));
  out.push_back(bind_field("up.roles", "--roles", cfg.roles, parse_roles, plain));
  out.push_back(
      duration_field("up.node_monitor_period", "--node-monitor-period", cfg.node_monitor_period));
  out.push_back(duration_field("up.node_monitor_grace_period", "--node-monitor-grace-period",
                               cfg.node_monitor_grace_period));
  out.push_back(
      bind_field("up.node_name", "--hostname-override", cfg.node_name, any_string, plain));
  out.push_back(duration_field("up.node_status_update_frequency", "--node-status-update-frequency",
                               cfg.node_status_update_frequency));
  out.push_back(
      integer_field("up.simulated_nodes", "--simulated-nodes", cfg.simulated_nodes, 0, 16384));
  out.push_back(bind_field(
      "up.pod_manifest_path", "--pod-manifest-path", cfg.pod_manifest_path,
      [](std::string_view t) -> result<std::filesystem::path> {
        return std::filesystem::path{std::string{t}};
      },
      [](const std::filesystem::path& p) { return p.string(); }));
  out.push_back(duration_field("up.file_check_frequency", "--file-check-frequency",
                               cfg.file_check_frequency));
  out.push_back(
      bind_field("up.manifest_url", "--manifest-url", cfg.manifest_url, any_string, plain));
  out.push_back(duration_field("up.http_check_frequency", "--http-check-frequency",
                               cfg.http_check_frequency));
  add_log_fields(out, "up", cfg.log);
  add_http_fields(out, "up.http", cfg.http);
  auto& n = cfg.nats_server;
  out.push_back(bind_field("up.nats_server.path", "--nats-server", n.path, any_string, plain));
  out.push_back(bind_field("up.nats_server.port", "", n.port, port_any, number));
  out.push_back(bind_field("up.nats_server.jetstream", "", n.jetstream, parse_bool, boolean));
  out.push_back(duration_field("up.nats_server.stop_grace", "", n.stop_grace));
  add_restart(out, "up.nats_server.restart", n.restart);
  add_state_fields(out, cfg.state);
  return out;
}

}  // namespace kactor::config
