#include "config/state_command_config.hpp"

#include <cctype>
#include <fstream>
#include <system_error>

#include "config/field.hpp"
#include "config/values.hpp"

namespace kactor::config {
namespace {

config_error invalid(std::string_view field, const std::string& what) {
  return config_error{"config: " + std::string{field} + ": " + what};
}

// The URL written in <data_dir>/nats-url: its first line, trailing blanks removed.
result<std::string> url_from_file(const std::filesystem::path& data_dir) {
  auto file = data_dir / "nats-url";
  std::ifstream in{file};
  std::string line;
  if (!in || !std::getline(in, line))
    return invalid("state.nats_url",
                   "not set: pass --nats URL, set state.nats_url, or write the "
                   "URL to " +
                       file.string());
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
    line.pop_back();
  auto url = parse_nats_url(line);
  if (!url)
    return config_error{
        field_error("state.nats_url", url.error().message, line, "file " + file.string())};
  return *url;
}

}  // namespace

result<state_command_config> finalize(state_command_config cfg) {
  if (cfg.data_dir.empty())
    return invalid("state.data_dir",
                   "required: pass --data-dir DIR or set state.data_dir in the config file");
  std::error_code ec;
  auto absolute = std::filesystem::absolute(cfg.data_dir, ec);
  if (ec)
    return invalid("state.data_dir",
                   "cannot make " + cfg.data_dir.string() + " absolute: " + ec.message());
  cfg.data_dir = absolute.lexically_normal();
  if (cfg.shutdown_grace.count() <= 0)
    return invalid("state.shutdown_grace", "must be greater than 0");
  if (auto err = check(cfg.state)) return *err;
  if (cfg.nats_url.empty()) {
    auto url = url_from_file(cfg.data_dir);
    if (!url) return url.error();
    cfg.nats_url = *url;
  }
  return cfg;
}

}  // namespace kactor::config
