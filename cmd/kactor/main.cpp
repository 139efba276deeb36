// The `kactor` binary: one sub-command per role (config/command_line.hpp lists them).
// Exit codes: 0 success, 1 runtime failure, 2 bad usage or config, or a role not available yet.

#include <cstdio>

#include "cmd/kactor/describe.hpp"
#include "cmd/kactor/gateway_command.hpp"
#include "cmd/kactor/role_command.hpp"
#include "cmd/kactor/shutdown_signal.hpp"
#include "cmd/kactor/state_command.hpp"
#include "cmd/kactor/store_command.hpp"
#include "cmd/kactor/up.hpp"
#include "config/command_line.hpp"

int main(int argc, char** argv) {
  using namespace kactor;
  cmd::block_shutdown_signals();  // first: every thread started later inherits the mask
  auto inv = config::parse_command_line(argc, argv, KACTOR_VERSION, config::environment::current());
  if (!inv) {
    std::fprintf(stderr, "%s\n", inv.error().message.c_str());
    return 2;
  }
  if (inv->print) {
    std::fputs(inv->print->c_str(), stdout);
    return 0;
  }
  auto name = config::info(inv->which).name;
  auto which = inv->which;
  if (which == config::command::up || which == config::command::state ||
      which == config::command::gateway || which == config::command::store ||
      which == config::command::scheduler || which == config::command::controller_manager ||
      which == config::command::kubelet) {
    auto stop = cmd::shutdown_signal::create();
    if (!stop) {
      std::fprintf(stderr, "kactor %.*s: %s\n", static_cast<int>(name.size()), name.data(),
                   cmd::describe(stop.error()).c_str());
      return 1;
    }
    if (which == config::command::up) return cmd::run_up(inv->up, KACTOR_VERSION, *stop);
    if (which == config::command::state) return cmd::run_state(inv->state, KACTOR_VERSION, *stop);
    if (which == config::command::gateway)
      return cmd::run_gateway(inv->gateway, KACTOR_VERSION, *stop);
    if (which == config::command::scheduler)
      return cmd::run_role(config::role_kind::scheduler, inv->role, KACTOR_VERSION, *stop);
    if (which == config::command::controller_manager)
      return cmd::run_role(config::role_kind::controller_manager, inv->role, KACTOR_VERSION, *stop);
    if (which == config::command::kubelet)
      return cmd::run_role(config::role_kind::kubelet, inv->role, KACTOR_VERSION, *stop);
    return cmd::run_store(inv->store_args, *stop);
  }
  std::fprintf(stderr, "kactor %.*s: not available yet\n", static_cast<int>(name.size()),
               name.data());
  return 2;
}
