#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cmd/kactor/shutdown_signal.hpp"

namespace kactor::cmd {

// Runs `kactor store <args>` (storage/cli/store_cli.hpp, docs/state.md): results on stdout,
// problems and logs (warnings and worse) on stderr. SIGINT/SIGTERM end a `watch` (exit code
// 0); other commands are bounded by --timeout and finish. Returns the exit code: 0 success,
// 1 failure, 2 bad usage. Precondition: block_shutdown_signals() ran before any thread started.
int run_store(const std::vector<std::string>& args, std::shared_ptr<shutdown_signal> stop);

}  // namespace kactor::cmd
