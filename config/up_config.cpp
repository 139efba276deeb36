#include "config/up_config.hpp"

#include "config/common_fields.hpp"

#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <string_view>
#include <system_error>

#include "config/values.hpp"

namespace kactor::config {
namespace {

bool is_executable(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

// The first executable `name` in `search_path` (colon-separated), then in the fallbacks.
std::optional<std::filesystem::path> find_program(std::string_view name,
                                                  std::string_view search_path) {
  std::string dirs{search_path};
  dirs += ":/usr/sbin:/usr/bin";
  std::string_view rest = dirs;
  while (!rest.empty()) {
    auto colon = rest.find(':');
    auto dir = rest.substr(0, colon);
    if (!dir.empty()) {
      auto candidate = std::filesystem::path{dir} / name;
      if (is_executable(candidate)) return candidate;
    }
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return std::nullopt;
}

config_error invalid(std::string_view field, std::string_view what) {
  return config_error{"config: " + std::string{field} + ": " + std::string{what}};
}

std::optional<config_error> check_restart(const restart_policy& r, const std::string& prefix) {
  if (r.backoff_min.count() <= 0) return invalid(prefix + ".backoff_min", "must be greater than 0");
  if (r.backoff_max < r.backoff_min)
    return invalid(prefix + ".backoff_max",
                   "must not be less than backoff_min (" + format_duration(r.backoff_min) + ")");
  return std::nullopt;
}

}  // namespace

environment environment::current() {
  const char* path = std::getenv("PATH");
  return environment{path != nullptr ? path : ""};
}

bool runs_role(const up_config& cfg, std::string_view role) {
  std::string_view rest = cfg.roles;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    if (rest.substr(0, comma) == role) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

result<up_config> finalize(up_config cfg, const environment& env) {
  if (cfg.data_dir.empty())
    return invalid("up.data_dir",
                   "required: pass --data-dir DIR or set up.data_dir in the config file");
  std::error_code ec;
  auto absolute = std::filesystem::absolute(cfg.data_dir, ec);
  if (ec)
    return invalid("up.data_dir",
                   "cannot make " + cfg.data_dir.string() + " absolute: " + ec.message());
  cfg.data_dir = absolute.lexically_normal();
  if (cfg.shutdown_grace.count() <= 0)
    return invalid("up.shutdown_grace", "must be greater than 0");
  if (auto err = check_http(cfg.http, "up.http")) return *err;
  for (auto [f, d] : {std::pair{"up.node_monitor_period", cfg.node_monitor_period},
                      {"up.node_monitor_grace_period", cfg.node_monitor_grace_period},
                      {"up.node_status_update_frequency", cfg.node_status_update_frequency},
                      {"up.file_check_frequency", cfg.file_check_frequency},
                      {"up.http_check_frequency", cfg.http_check_frequency}})
    if (d.count() <= 0) return invalid(f, "must be greater than 0");
  if (!cfg.pod_manifest_path.empty()) {
    auto p = std::filesystem::absolute(cfg.pod_manifest_path, ec);
    if (ec) return invalid("up.pod_manifest_path", "cannot make it absolute: " + ec.message());
    cfg.pod_manifest_path = p.lexically_normal();
  }
  if (auto err = check(cfg.state)) return *err;
  if (!cfg.nats_url.empty()) return cfg;  // the embedded server is not used
  if (auto err = check_restart(cfg.nats_server.restart, "up.nats_server.restart")) return *err;
  auto& path = cfg.nats_server.path;
  if (path.empty()) {
    auto found = find_program("nats-server", env.path);
    if (!found)
      return invalid("up.nats_server.path",
                     "nats-server not found in PATH, /usr/sbin or /usr/bin; install it, set this "
                     "field, or pass --nats URL to use an external server");
    path = found->string();
  } else if (path.find('/') == std::string::npos) {
    auto found = find_program(path, env.path);
    if (!found) return invalid("up.nats_server.path", "\"" + path + "\" not found in PATH");
    path = found->string();
  } else if (!is_executable(path)) {
    return invalid("up.nats_server.path", "\"" + path + "\" is not an executable file");
  }
  return cfg;
}

}  // namespace kactor::config
