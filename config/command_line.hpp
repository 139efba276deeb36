#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/gateway_command_config.hpp"
#include "config/result.hpp"
#include "config/role_fields.hpp"
#include "config/state_command_config.hpp"
#include "config/up_config.hpp"

namespace kactor::config {

// The sub-commands of the `kactor` binary: one per role, plus tools.
enum class command {
  up,
  state,
  gateway,
  scheduler,
  controller_manager,
  kubelet,
  proxy,
  dns,
  store,
  bus,
  version,
};

// A sub-command as `kactor --help` lists it.
struct command_info {
  command which;
  std::string_view name;     // "controller-manager"
  std::string_view summary;  // one line for --help
  bool available;            // false: the role comes with a later issue
};

// Every sub-command, in --help order.
const std::vector<command_info>& commands();

// The sub-command's entry in commands(). Precondition: `which` is listed there.
const command_info& info(command which);

// What the command line asks for, fully checked.
struct invocation {
  command which = command::up;
  // For command::up: file, flags and defaults merged in that precedence and finalized.
  up_config up;
  // For command::state: the same, for `kactor state`.
  state_command_config state;
  // For command::gateway: the same, for `kactor gateway`.
  gateway_command_config gateway;
  // For command::scheduler, controller_manager and kubelet: the role's settings.
  role_command_config role;
  // For command::store: every argument after `store`, unparsed, for
  // store_cli::parse_store_args (which owns that grammar, its --help included).
  std::vector<std::string> store_args;
  // When set, main prints this to stdout and exits 0 (help text, version) instead of running
  // `which`.
  std::optional<std::string> print;
};

// Parses `kactor <sub-command> [flags]`. `version` is the text `kactor version` prints.
// For `up`, `state` and `gateway`: reads --config FILE when given, then applies the flags over it,
// then finalize(). `store` takes its arguments as they are (see invocation::store_args). Any
// problem (unknown flag, missing sub-command, unreadable file, bad value) is a config_error whose
// message names the flag or field; the caller exits with code 2.
result<invocation> parse_command_line(int argc, const char* const* argv, std::string_view version,
                                      const environment& env);

}  // namespace kactor::config
