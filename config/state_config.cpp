#include "config/state_config.hpp"

#include <string>
#include <utility>

#include "config/values.hpp"

namespace kactor::config {
namespace {

config_error invalid(const std::string& field, const std::string& what) {
  return config_error{"config: state." + field + ": " + what};
}

}  // namespace

std::optional<config_error> check(const state_config& cfg) {
  for (auto [name, value] : {std::pair{"history_window", cfg.history_window},
                             std::pair{"compaction_interval", cfg.compaction_interval},
                             std::pair{"bookmark_interval", cfg.bookmark_interval},
                             std::pair{"bookmark_all_interval", cfg.bookmark_all_interval},
                             std::pair{"drain_timeout", cfg.drain_timeout}})
    if (value.count() <= 0) return invalid(name, "must be greater than 0");
  if (cfg.max_map_bytes == 0) return invalid("max_map_bytes", "must be greater than 0");
  if (cfg.initial_map_bytes == 0 || cfg.initial_map_bytes > cfg.max_map_bytes)
    return invalid("initial_map_bytes",
                   "must be in 1.." + format_byte_size(cfg.max_map_bytes) + " (max_map_bytes)");
  if (cfg.max_batch_bytes == 0) return invalid("max_batch_bytes", "must be greater than 0");
  return std::nullopt;
}

}  // namespace kactor::config
