#include "config/role_fields.hpp"

#include "config/common_fields.hpp"
#include "config/values.hpp"

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
  }
  return out;
}

}  // namespace kactor::config
