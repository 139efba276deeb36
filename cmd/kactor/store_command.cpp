#include "cmd/kactor/store_command.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <iostream>
#include <thread>

#include "storage/cli/store_cli.hpp"

namespace kactor::cmd {

int run_store(const std::vector<std::string>& args, std::shared_ptr<shutdown_signal> stop) {
  // stdout carries results (`get -o proto` writes bytes there); libraries log through
  // spdlog's default logger, which would write to stdout.
  auto log =
      std::make_shared<spdlog::logger>("store", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  log->set_level(spdlog::level::warn);
  spdlog::set_default_logger(log);
  auto parsed = store_cli::parse_store_args(args);
  if (!parsed.options) {
    auto& to = parsed.exit_code == 0 ? std::cout : std::cerr;
    to << parsed.message;
    if (!parsed.message.ends_with('\n')) to << '\n';
    return parsed.exit_code;
  }
  static constexpr const char* done = "done";
  std::atomic<bool> interrupted{false};
  std::thread waiter{[&] {
    if (stop->wait() != done) interrupted = true;
  }};
  auto options = *parsed.options;
  options.interrupted = [&] { return interrupted.load(); };
  int code = store_cli::run_store_cli(options, std::cout, std::cerr);
  std::cout.flush();
  stop->request(done);
  waiter.join();
  return code;
}

}  // namespace kactor::cmd
