#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <caf/expected.hpp>

#include "config/log_config.hpp"

namespace spdlog {
class logger;
}

namespace kactor::cmd {

// The log sinks of one process: stderr and a file, both in the configured format, UTC
// timestamps. Text: `2026-11-23T17:12:01.123Z info [up] message`. JSON: one object per line,
// `{"time":"2026-11-23T17:12:01.123456Z","level":"info","logger":"up","msg":"..."}`, with the
// message escaped so every line parses.
class log_setup {
 public:
  // Opens (appends to) `file` and builds the sinks. Fails when the file cannot be opened.
  static caf::expected<log_setup> open(const config::log_config& cfg,
                                       const std::filesystem::path& file);

  // A logger called `name` writing to both sinks at the configured level; every record is
  // flushed at once (daemons log little, and a crash must not lose the last lines).
  std::shared_ptr<spdlog::logger> logger(const std::string& name) const;

  // Makes logger("kactor") spdlog's default logger, which libraries without an injected
  // logger use.
  void install_default() const;

  struct sinks;

 private:
  std::shared_ptr<sinks> sinks_;
  config::log_config cfg_;
};

// Renders one JSON log line for `msg` at `level` from `logger` (exposed for tests).
std::string json_log_line(std::string_view time, std::string_view level, std::string_view logger,
                          std::string_view msg);

}  // namespace kactor::cmd
