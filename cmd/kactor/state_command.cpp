#include "cmd/kactor/state_command.hpp"

#include <unistd.h>

#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include <atomic>
#include <cstdio>
#include <optional>

#include "actors/bus/connection.hpp"
#include "cmd/kactor/data_dir.hpp"
#include "cmd/kactor/describe.hpp"
#include "cmd/kactor/logging.hpp"
#include "cmd/kactor/scheduler_tuning.hpp"
#include "cmd/kactor/state_host.hpp"
#include "cmd/kactor/state_options.hpp"
#include "cmd/kactor/watchdog.hpp"

namespace kactor::cmd {
namespace {

// Owner of the probe's connection: the role logs its own connections' events, so these only
// go to the debug level.
caf::behavior probe_connection_owner(caf::event_based_actor*, std::shared_ptr<spdlog::logger> log) {
  return {
      [log](bus::up_atom, const std::string& url) { log->debug("probe connected to {}", url); },
      [log](bus::down_atom, const std::string& why) {
        log->debug("probe connection down: {}", why);
      },
      [](bus::closed_atom) {},
      [](bus::slow_atom, const std::string&) {},
      [log](bus::error_atom, const std::string& what) { log->debug("probe connection: {}", what); },
  };
}

// What `kactor state` runs; members are destroyed in reverse order, the actor system last.
class state_runtime {
 public:
  state_runtime(const config::state_command_config& cfg, std::shared_ptr<spdlog::logger> log,
                std::shared_ptr<shutdown_signal> stop)
      : cfg_(cfg), log_(std::move(log)), stop_(std::move(stop)), sys_(tuned(sys_cfg_)) {}
  ~state_runtime() { shutdown(); }

  caf::error start(std::string_view version) {
    owner_ = sys_.spawn(probe_connection_owner, log_);
    bus::connection_options opts;
    opts.url = cfg_.nats_url;
    opts.name = "kactor-state-probe";
    opts.low_latency = true;
    auto conn = bus::connection::open(opts, owner_);
    if (!conn)
      return caf::make_error(caf::sec::runtime_error, "bus: " + bus::describe(conn.error()));
    conn_ = std::move(*conn);
    state_probe_callbacks callbacks;
    callbacks.ready = [url = cfg_.nats_url, dir = cfg_.data_dir.string()](std::uint64_t revision) {
      std::printf("kactor state: ready (bus %s, data dir %s, revision %llu)\n", url.c_str(),
                  dir.c_str(), static_cast<unsigned long long>(revision));
      std::fflush(stdout);
    };
    callbacks.lost = [this](const std::string& why) {
      log_->critical("{}; stopping", why);
      failed_ = true;
      stop_->request(why);
    };
    auto options = make_state_role_options(cfg_.state, cfg_.data_dir, cfg_.nats_url, version);
    auto host = state_host::start(sys_, options, conn_, std::make_shared<state_health>(), log_,
                                  std::move(callbacks));
    if (!host) return host.error();
    host_ = std::move(*host);
    return {};
  }

  // Stops the role (answering and publishing what it committed last), then the probe's
  // connection. Idempotent.
  void shutdown() {
    if (host_) host_->stop();
    if (conn_) conn_->close();
    if (owner_) caf::anon_send_exit(owner_, caf::exit_reason::user_shutdown);
    owner_ = nullptr;
  }

  bool failed() const { return failed_; }

 private:
  const config::state_command_config& cfg_;
  std::shared_ptr<spdlog::logger> log_;
  std::shared_ptr<shutdown_signal> stop_;
  std::atomic<bool> failed_{false};
  caf::actor_system_config sys_cfg_;
  caf::actor_system sys_;
  caf::actor owner_;
  std::shared_ptr<bus::connection> conn_;
  std::unique_ptr<state_host> host_;
};

}  // namespace

int run_state(const config::state_command_config& cfg, std::string_view version,
              std::shared_ptr<shutdown_signal> stop) {
  auto lock = data_dir_lock::acquire(cfg.data_dir);
  if (!lock) {
    std::fprintf(stderr, "kactor state: %s\n", describe(lock.error()).c_str());
    return 1;
  }
  auto logs = log_setup::open(cfg.log, cfg.data_dir / "logs" / "kactor.log");
  if (!logs) {
    std::fprintf(stderr, "kactor state: %s\n", describe(logs.error()).c_str());
    return 1;
  }
  logs->install_default();
  auto log = logs->logger("state");
  std::optional<watchdog> limit;  // outlives the runtime: bounds its destruction too
  state_runtime runtime{cfg, log, stop};
  log->info("kactor {} state starting: pid {}, data dir {}, bus {}", version, ::getpid(),
            cfg.data_dir.string(), cfg.nats_url);
  if (auto err = runtime.start(version)) {
    log->error("startup failed: {}", describe(err));
    return 1;
  }
  shut_down_when_signalled(*stop, limit, log, cfg.shutdown_grace, [&] { runtime.shutdown(); });
  return runtime.failed() ? 1 : 0;
}

}  // namespace kactor::cmd
