#include "config/role_fields.hpp"

#include "config/common_fields.hpp"
#include "config/values.hpp"

#include <map>
#include <string_view>

namespace kactor::config {

namespace {

std::string plain(const std::string& s) {
  return s;
}
std::string boolean(bool b) {
  return b ? "true" : "false";
}
auto any_string = [](std::string_view t) -> result<std::string> { return std::string{t}; };

field optional_path(std::string name, std::string flag, std::filesystem::path& target) {
  auto parse = [](std::string_view t) -> result<std::filesystem::path> {
    return std::filesystem::path{std::string{t}};
  };
  auto show = [](const std::filesystem::path& p) { return p.string(); };
  return bind_field(std::move(name), std::move(flag), target, parse, show);
}

// "a=b,c=d" <-> {a: b, c: d}: keys and values as Kubernetes labels have them.
result<std::map<std::string, std::string>> parse_labels(std::string_view text) {
  std::map<std::string, std::string> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    auto item = text.substr(0, comma);
    auto eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0)
      return config_error{"expected key=value pairs separated by commas"};
    out[std::string(item.substr(0, eq))] = std::string(item.substr(eq + 1));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
  }
  return out;
}

std::string show_labels(const std::map<std::string, std::string>& labels) {
  std::string out;
  for (const auto& [k, v] : labels)
    out += (out.empty() ? "" : ",") + k + "=" + v;
  return out;
}

void add_simulate_fields(std::vector<field>& out, const std::string& s, role_command_config& cfg) {
  out.push_back(integer_field(s + ".simulate", "--simulate", cfg.simulate, 0, 16384));
  out.push_back(bind_field(s + ".simulate_prefix", "--simulate-prefix", cfg.simulate_prefix,
                           parse_non_empty, plain));
  out.push_back(
      bind_field(s + ".simulate_cpu", "--simulate-cpu", cfg.simulate_cpu, parse_non_empty, plain));
  out.push_back(bind_field(s + ".simulate_memory", "--simulate-memory", cfg.simulate_memory,
                           parse_non_empty, plain));
  out.push_back(integer_field(s + ".simulate_max_pods", "--simulate-max-pods",
                              cfg.simulate_max_pods, 1, 253));
  out.push_back(bind_field(s + ".simulate_labels", "--simulate-labels", cfg.simulate_labels,
                           parse_labels, show_labels));
  out.push_back(
      integer_field(s + ".simulate_zones", "--simulate-zones", cfg.simulate_zones, 0, 1000));
  out.push_back(bind_field(s + ".simulate_taint", "--simulate-taint", cfg.simulate_taint,
                           parse_bool, boolean));
  out.push_back(duration_field(s + ".simulate_pod_start_delay", "--simulate-pod-start-delay",
                               cfg.simulate_pod_start_delay));
}

}  // namespace

std::string section_of(role_kind kind) {
  switch (kind) {
    case role_kind::scheduler:
      return "scheduler";
    case role_kind::controller_manager:
      return "controller_manager";
    case role_kind::kubelet:
      return "kubelet";
  }
  return "";
}

std::vector<field> role_fields(role_command_config& cfg, role_kind kind) {
  auto s = section_of(kind);
  std::vector<field> out;
  out.push_back(optional_path(s + ".data_dir", "--data-dir", cfg.data_dir));
  out.push_back(nats_url_field(s + ".nats_url", "--nats", cfg.nats_url));
  out.push_back(duration_field(s + ".shutdown_grace", "", cfg.shutdown_grace));
  add_log_fields(out, s, cfg.log);
  out.push_back(optional_path(s + ".log.file", "--log-file", cfg.log_file));
  if (kind != role_kind::kubelet) {
    out.push_back(bind_field(s + ".leader_elect.enabled", "--leader-elect", cfg.leader_elect,
                             parse_bool, boolean));
    out.push_back(duration_field(s + ".leader_elect.lease_duration",
                                 "--leader-elect-lease-duration", cfg.lease_duration));
    out.push_back(duration_field(s + ".leader_elect.renew_deadline",
                                 "--leader-elect-renew-deadline", cfg.renew_deadline));
    out.push_back(duration_field(s + ".leader_elect.retry_period", "--leader-elect-retry-period",
                                 cfg.retry_period));
  }
  if (kind == role_kind::scheduler)
    out.push_back(
        optional_path(s + ".config_file", "--scheduler-config", cfg.scheduler_config_file));
  if (kind == role_kind::controller_manager) {
    out.push_back(duration_field(s + ".node_monitor_period", "--node-monitor-period",
                                 cfg.node_monitor_period));
    out.push_back(duration_field(s + ".node_monitor_grace_period", "--node-monitor-grace-period",
                                 cfg.node_monitor_grace_period));
  }
  if (kind == role_kind::kubelet) {
    out.push_back(
        bind_field(s + ".node_name", "--hostname-override", cfg.node_name, any_string, plain));
    out.push_back(bind_field(s + ".node_ip", "--node-ip", cfg.node_ip, parse_ip_address, plain));
    out.push_back(optional_path(s + ".root_dir", "--root-dir", cfg.root_dir));
    out.push_back(
        bind_field(s + ".address", "--address", cfg.http_address, parse_ip_address, plain));
    out.push_back(bind_field(
        s + ".port", "--port", cfg.http_port,
        [](std::string_view t) { return parse_port(t, true); },
        [](std::uint16_t p) { return std::to_string(p); }));
    out.push_back(duration_field(s + ".node_status_update_frequency",
                                 "--node-status-update-frequency",
                                 cfg.node_status_update_frequency));
    out.push_back(
        optional_path(s + ".pod_manifest_path", "--pod-manifest-path", cfg.pod_manifest_path));
    out.push_back(duration_field(s + ".file_check_frequency", "--file-check-frequency",
                                 cfg.file_check_frequency));
    out.push_back(
        bind_field(s + ".manifest_url", "--manifest-url", cfg.manifest_url, any_string, plain));
    out.push_back(duration_field(s + ".http_check_frequency", "--http-check-frequency",
                                 cfg.http_check_frequency));
    add_simulate_fields(out, s, cfg);
  }
  return out;
}

}  // namespace kactor::config
