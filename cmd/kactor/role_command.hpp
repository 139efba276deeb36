#pragma once

#include <memory>
#include <string_view>

#include "cmd/kactor/shutdown_signal.hpp"
#include "config/role_command_config.hpp"
#include "config/role_fields.hpp"

namespace kactor::cmd {

// Runs `kactor scheduler`, `kactor controller-manager` or `kactor kubelet`: the role alone, on
// the bus at cfg.nats_url, under an actor supervisor (a crashed role is restarted with
// back-off), until SIGTERM/SIGINT. The scheduler and the controller-manager elect a leader
// through a Lease in kube-system when cfg.leader_elect (several may run; one acts). Prints
//   kactor <role>: ready (bus nats://...)
// once started. Returns the exit code: 0 after a clean shutdown, 1 when startup fails or the
// shutdown exceeds cfg.shutdown_grace. Precondition: block_shutdown_signals() ran first.
int run_role(config::role_kind kind, const config::role_command_config& cfg,
             std::string_view version, std::shared_ptr<shutdown_signal> stop);

}  // namespace kactor::cmd
