#pragma once

#include <filesystem>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "cmd/kactor/logging.hpp"
#include "config/role_command_config.hpp"
#include "config/up_config.hpp"

namespace kactor::cmd {

// The control-loop roles `kactor up` hosts besides state and gateway (scheduler,
// controller-manager, kubelet; those cfg.roles names), each a child of one actor supervisor
// ("roles"): a role that ends with an error (e.g. its bus connection closed for good) is
// restarted with back-off; a role that cannot even start is retried the same way. Each role
// opens its own bus connections to `bus_url` and writes through the gateway's API on the bus.
// In one process there is nothing to elect: every role starts leading.
// Returns the supervisor; exit it to stop every role.
caf::actor start_hosted_roles(caf::actor_system& sys, const config::up_config& cfg,
                              const std::string& bus_url, const log_setup& logs);

// The settings of the roles `kactor up` hosts: its bus and data dir, its log settings, no
// leader election, every other setting at its default (config/role_command_config.hpp).
config::role_command_config role_settings_for_up(const config::up_config& cfg,
                                                 const std::string& bus_url);

}  // namespace kactor::cmd
