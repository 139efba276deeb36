// kactor_state_driver: hosts the state role alone, as `kactor state` will, and runs the
// `kactor store` commands, for the e2e tests (tests/e2e/state_crash.py) until the lead wires
// both into the kactor binary. Not installed.
//
//   kactor_state_driver --data-dir DIR --nats URL [--window-ms N]
//       serves; prints "ready" on stdout once serving; stops cleanly on SIGTERM or SIGINT.
//       Exit codes: 0 after a clean stop, 1 when the role cannot start (reason on stderr),
//       2 for bad usage.
//   kactor_state_driver store ARGS...
//       `kactor store ARGS...` (storage/cli/store_cli.hpp).

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "storage/cli/store_cli.hpp"
#include "storage/state/error.hpp"
#include "storage/state/state_role.hpp"

namespace {

int store(int argc, char** argv) {
  auto parsed =
      kactor::store_cli::parse_store_args(std::vector<std::string>(argv + 2, argv + argc));
  if (!parsed.options) {
    (parsed.exit_code == 0 ? std::cout : std::cerr) << parsed.message << "\n";
    return parsed.exit_code;
  }
  return kactor::store_cli::run_store_cli(*parsed.options, std::cout, std::cerr);
}

int serve(int argc, char** argv) {
  kactor::state::state_role_options options;
  for (int i = 1; i < argc; i += 2) {
    std::string flag = argv[i];
    std::string value = i + 1 < argc ? argv[i + 1] : "";
    if (flag == "--data-dir" && !value.empty())
      options.data_dir = value;
    else if (flag == "--nats" && !value.empty())
      options.nats_url = value;
    else if (flag == "--window-ms" && !value.empty())
      options.store.history_window = std::chrono::milliseconds(std::stoll(value));
    else {
      std::fprintf(stderr, "usage: %s --data-dir DIR --nats URL [--window-ms N]\n", argv[0]);
      return 2;
    }
  }
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // before any thread starts

  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto role = kactor::state::start_state_role(sys, options);
  if (!role) {
    std::fprintf(stderr, "%s\n", kactor::state::describe(role.error()).c_str());
    return 1;
  }
  std::printf("ready\n");
  std::fflush(stdout);
  int received = 0;
  sigwait(&stop_signals, &received);
  role->stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Results go to stdout (`store get -o proto` writes binary there); logs to stderr.
  spdlog::set_default_logger(spdlog::stderr_color_mt("kactor"));
  if (argc > 1 && std::string(argv[1]) == "store") return store(argc, argv);
  return serve(argc, argv);
}
