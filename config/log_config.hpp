#pragma once

#include <string_view>

namespace kactor::config {

// How a log record is rendered.
enum class log_format {
  text,  // human-readable: `2026-11-23 17:12:01.123 info [up] message`
  json,  // one JSON object per line: {"time":...,"level":...,"logger":...,"msg":...}
};

// Severity threshold, least to most severe (spdlog's levels).
enum class log_level { trace, debug, info, warn, error, critical, off };

// Logging of one kactor process: records go to stderr and to the process's log file.
struct log_config {
  // Record format. YAML `log.format`, flag --log-format. Default: text.
  log_format format = log_format::text;
  // Least severe level written. YAML `log.level`, flag --log-level. Default: info.
  log_level level = log_level::info;
};

// The config spelling of each enumerator ("text", "json", "info" ...).
std::string_view to_string(log_format format);
std::string_view to_string(log_level level);

}  // namespace kactor::config
