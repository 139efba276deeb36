#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "config/log_config.hpp"
#include "config/result.hpp"
#include "config/state_config.hpp"

namespace kactor::config {

// `kactor state`: the state role alone in a process, on an existing NATS server. Its process
// settings share the YAML section `state` with the role's (state_config); `kactor up` has its
// own (`up.data_dir` ...) and refuses these keys. docs/config.md lists every field.
struct state_command_config {
  // The data directory: the store lives in <data_dir>/state, the log in
  // <data_dir>/logs/kactor.log, the lock in <data_dir>/kactor.lock. Created when missing.
  // Required: flag --data-dir or `state.data_dir`. No default.
  std::filesystem::path data_dir;
  // URL of the NATS server (`nats://host:port`, comma-separated for several). Empty: the URL in
  // <data_dir>/nats-url (one line). Flag --nats. Default: empty.
  std::string nats_url;
  // Upper bound for a clean shutdown after SIGTERM/SIGINT; past it the process exits with
  // code 1. Default: 15 s.
  std::chrono::milliseconds shutdown_grace{15'000};
  // Logging. Default: text, info.
  log_config log;
  // The role's settings.
  state_config state;
};

// Checks what single fields cannot (data_dir required, state_config's checks), makes data_dir
// absolute and, when nats_url is empty, reads it from <data_dir>/nats-url (the one file
// config/ reads for this command besides --config). Returns the first problem, naming the field.
result<state_command_config> finalize(state_command_config cfg);

}  // namespace kactor::config
