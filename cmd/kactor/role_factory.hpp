#pragma once

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/expected.hpp>

#include "cmd/kactor/logging.hpp"
#include "config/role_command_config.hpp"
#include "config/role_fields.hpp"
#include "node/simulated/sim_options.hpp"

namespace kactor::cmd {

// Starts one control-loop role (its top actor, which opens its own bus connections to
// cfg.nats_url): the one mapping from settings to role options, shared by `kactor up`
// (hosted_roles.hpp) and `kactor <role>` (role_command.hpp). `start_leading` false: the role
// waits for (leaderelection::leading_atom, true) before it acts (scheduler, controller-manager;
// the kubelet always acts).
caf::expected<caf::actor> spawn_role(caf::actor_system& sys, config::role_kind kind,
                                     const config::role_command_config& cfg, bool start_leading,
                                     const log_setup& logs);

// The simulated nodes `cfg` asks for (cfg.simulate of them; the Lease is renewed every
// node_status_update_frequency).
node::simulated::simulated_nodes_options simulated(const config::role_command_config& cfg);

// The role's name as logged and supervised: "scheduler", "controller-manager", "kubelet".
const char* role_name(config::role_kind kind);

}  // namespace kactor::cmd
