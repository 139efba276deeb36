// The `kactor` binary: one sub-command per role (config/command_line.hpp lists them).
// Exit codes: 0 success, 1 runtime failure, 2 bad usage or config, or a role not available yet.

#include <cstdio>

#include "cmd/kactor/describe.hpp"
#include "cmd/kactor/shutdown_signal.hpp"
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
  if (inv->which == config::command::up) {
    auto stop = cmd::shutdown_signal::create();
    if (!stop) {
      std::fprintf(stderr, "kactor up: %s\n", cmd::describe(stop.error()).c_str());
      return 1;
    }
    return cmd::run_up(inv->up, KACTOR_VERSION, *stop);
  }
  auto name = config::info(inv->which).name;
  std::fprintf(stderr, "kactor %.*s: not available yet\n", static_cast<int>(name.size()),
               name.data());
  return 2;
}
