#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "config/state_config.hpp"
#include "storage/state/state_role.hpp"

namespace kactor::cmd {

// The options of the state role that `kactor state` and `kactor up` start: the configured
// section `state` (config/state_config.hpp) on the process's data directory and bus, with the
// binary's version for StatusReply.version. Everything not configurable keeps the role's
// default.
state::state_role_options make_state_role_options(const config::state_config& cfg,
                                                  const std::filesystem::path& data_dir,
                                                  const std::string& nats_url,
                                                  std::string_view version);

}  // namespace kactor::cmd
