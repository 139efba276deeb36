#include "config/gateway_command_config.hpp"

#include "config/common_fields.hpp"

#include <system_error>
#include <utility>

#include "config/field.hpp"
#include "config/role_command_config.hpp"
#include "config/values.hpp"

namespace kactor::config {
namespace {

config_error invalid(std::string_view field, const std::string& what) {
  return config_error{"config: " + std::string{field} + ": " + what};
}

result<std::filesystem::path> make_absolute(std::string_view field,
                                            const std::filesystem::path& p) {
  std::error_code ec;
  auto absolute = std::filesystem::absolute(p, ec);
  if (ec) return invalid(field, "cannot make " + p.string() + " absolute: " + ec.message());
  return absolute.lexically_normal();
}

}  // namespace

result<gateway_command_config> finalize(gateway_command_config cfg) {
  if (cfg.shutdown_grace.count() <= 0)
    return invalid("gateway.shutdown_grace", "must be greater than 0");
  if (cfg.state_timeout.count() <= 0)
    return invalid("gateway.state_timeout", "must be greater than 0");
  if (auto err = check_http(cfg.http, "gateway.http")) return *err;
  if (!cfg.log_file.empty()) {
    auto file = make_absolute("gateway.log.file", cfg.log_file);
    if (!file) return file.error();
    cfg.log_file = *file;
  }
  if (!cfg.data_dir.empty()) {
    auto dir = make_absolute("gateway.data_dir", cfg.data_dir);
    if (!dir) return dir.error();
    cfg.data_dir = *dir;
  }
  if (!cfg.nats_url.empty()) return cfg;
  if (cfg.data_dir.empty())
    return invalid("gateway.nats_url",
                   "not set: pass --nats URL, or --data-dir DIR of a running `kactor up` (its "
                   "DIR/nats-url names the bus), or set gateway.nats_url in the config file");
  auto url = nats_url_from_data_dir("gateway.nats_url", cfg.data_dir);
  if (!url) return url.error();
  cfg.nats_url = std::move(*url);
  return cfg;
}

}  // namespace kactor::config
