#include "config/role_command_config.hpp"

#include <unistd.h>

#include <cctype>
#include <fstream>

#include "config/field.hpp"
#include "config/values.hpp"

namespace kactor::config {

namespace {

config_error invalid(const std::string& field, const std::string& what) {
  return config_error{"config: " + field + ": " + what};
}

std::optional<config_error> absolute(const std::string& field, std::filesystem::path& p) {
  if (p.empty()) return std::nullopt;
  std::error_code ec;
  auto a = std::filesystem::absolute(p, ec);
  if (ec) return invalid(field, "cannot make " + p.string() + " absolute: " + ec.message());
  p = a.lexically_normal();
  return std::nullopt;
}

std::string host_name() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  std::string out = host;
  for (auto& ch : out)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out.empty() ? std::string("localhost") : out;
}

}  // namespace

result<std::string> nats_url_from_data_dir(const std::string& field,
                                           const std::filesystem::path& data_dir) {
  auto file = data_dir / "nats-url";
  std::ifstream in{file};
  std::string line;
  if (!in || !std::getline(in, line))
    return invalid(field,
                   "not set: pass --nats URL, or --data-dir DIR of a running `kactor up` "
                   "(no URL in " +
                       file.string() + ")");
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
    line.pop_back();
  auto url = parse_nats_url(line);
  if (!url)
    return config_error{field_error(field, url.error().message, line, "file " + file.string())};
  return *url;
}

result<role_command_config> finalize(role_command_config cfg, const std::string& section) {
  auto name = [&](const char* f) { return section + "." + f; };
  if (cfg.shutdown_grace.count() <= 0)
    return invalid(name("shutdown_grace"), "must be greater than 0");
  for (auto [f, d] : {std::pair{"leader_elect.lease_duration", cfg.lease_duration},
                      {"leader_elect.renew_deadline", cfg.renew_deadline},
                      {"leader_elect.retry_period", cfg.retry_period},
                      {"node_monitor_period", cfg.node_monitor_period},
                      {"node_monitor_grace_period", cfg.node_monitor_grace_period},
                      {"node_status_update_frequency", cfg.node_status_update_frequency},
                      {"file_check_frequency", cfg.file_check_frequency},
                      {"http_check_frequency", cfg.http_check_frequency}})
    if (d.count() <= 0) return invalid(name(f), "must be greater than 0");
  if (cfg.renew_deadline >= cfg.lease_duration)
    return invalid(name("leader_elect.renew_deadline"), "must be less than the lease duration");
  for (auto [f, p] : {std::pair{"data_dir", &cfg.data_dir},
                      {"log.file", &cfg.log_file},
                      {"root_dir", &cfg.root_dir},
                      {"pod_manifest_path", &cfg.pod_manifest_path}})
    if (auto err = absolute(name(f), *p)) return *err;
  if (!cfg.scheduler_config_file.empty()) {
    if (auto err = absolute(name("config_file"), cfg.scheduler_config_file)) return *err;
    std::ifstream in{cfg.scheduler_config_file};
    if (!in)
      return invalid(name("config_file"), "cannot read " + cfg.scheduler_config_file.string());
    cfg.scheduler_config_text.assign(std::istreambuf_iterator<char>(in), {});
  }
  if (cfg.node_name.empty()) cfg.node_name = host_name();
  if (cfg.root_dir.empty())
    cfg.root_dir = cfg.data_dir.empty()
                       ? std::filesystem::path("/tmp/kactor-kubelet-" + cfg.node_name)
                       : cfg.data_dir / "kubelet" / cfg.node_name;
  if (!cfg.nats_url.empty()) return cfg;
  if (cfg.data_dir.empty())
    return invalid(name("nats_url"),
                   "not set: pass --nats URL, or --data-dir DIR of a running "
                   "`kactor up` (its DIR/nats-url names the bus)");
  auto url = nats_url_from_data_dir(name("nats_url"), cfg.data_dir);
  if (!url) return url.error();
  cfg.nats_url = std::move(*url);
  return cfg;
}

}  // namespace kactor::config
