#include "cmd/kactor/gateway_command.hpp"

#include <unistd.h>

#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "cmd/kactor/describe.hpp"
#include "cmd/kactor/logging.hpp"
#include "cmd/kactor/scheduler_tuning.hpp"
#include "cmd/kactor/watchdog.hpp"
#include "gateway/health/health_checks.hpp"
#include "gateway/health/health_routes.hpp"
#include "gateway/http/server.hpp"
#include "gateway/rest/api_server.hpp"

namespace kactor::cmd {
namespace {

using namespace std::chrono_literals;
using ready_poll_atom = caf::atom_constant<caf::atom("gw_poll")>;

// How often the ready poller runs /readyz's checks, and how often it logs what still fails.
constexpr auto poll_interval = 50ms;
constexpr auto report_interval = 10s;

// The failing readiness checks as "name: reason; ...", "" when /readyz passes.
std::string readiness_failures(const health::health_checks& checks) {
  std::string out;
  for (auto& o : checks.run(health::endpoint::readyz)) {
    if (!o.failure) continue;
    if (!out.empty()) out += "; ";
    out += o.name + ": " + *o.failure;
  }
  return out;
}

// Runs /readyz's checks every poll_interval until they pass, then calls `announce` once and
// quits. The checks have no change event to wait for (they read atomics), hence the polling;
// every report_interval it logs what still fails, so a gateway waiting for a bus or a state
// role says why.
caf::behavior ready_poller(caf::event_based_actor* self,
                           std::shared_ptr<const health::health_checks> checks,
                           std::function<void()> announce, std::shared_ptr<spdlog::logger> log) {
  auto next_report = std::make_shared<caf::timestamp>(caf::make_timestamp() + report_interval);
  self->send(self, ready_poll_atom::value);
  return {
      [=](ready_poll_atom) {
        auto failing = readiness_failures(*checks);
        if (failing.empty()) {
          announce();
          self->quit();
          return;
        }
        if (auto now = caf::make_timestamp(); now >= *next_report) {
          log->info("not ready yet: {}", failing);
          *next_report = now + report_interval;
        }
        self->delayed_send(self, poll_interval, ready_poll_atom::value);
      },
  };
}

// What `kactor gateway` runs; members are destroyed in reverse order, the actor system last.
class gateway_runtime {
 public:
  gateway_runtime(const config::gateway_command_config& cfg, std::shared_ptr<spdlog::logger> log)
      : cfg_(cfg), log_(std::move(log)), sys_(tuned(sys_cfg_)) {}
  ~gateway_runtime() { shutdown(); }

  // The API on the bus, its listener, then the ready poller.
  caf::error start(std::string_view version) {
    auto routes = std::make_shared<http::router>();
    health::add_health_routes(*routes, checks_);
    rest::api_server_options opts;
    opts.nats_url = cfg_.nats_url;
    opts.kactor_version = std::string{version};
    // With port 0 the bound port is known only after the routes are fixed: the configured
    // address is what discovery reports then.
    opts.server_address = cfg_.http.bind_address + ":" + std::to_string(cfg_.http.port);
    opts.rest.service_cidr = cfg_.service_cidr;
    opts.rest.state_timeout = cfg_.state_timeout;
    opts.rest.fresh_deadline = cfg_.fresh_deadline;
    opts.rest.conflict_retries = static_cast<int>(cfg_.conflict_retries);
    auto api = rest::api_server::create(sys_, opts, *routes, *checks_, log_);
    if (!api) return caf::make_error(caf::sec::runtime_error, "gateway: " + describe(api.error()));
    api_ = std::move(*api);
    if (auto err = api_->serve_bus(routes))
      return caf::make_error(caf::sec::runtime_error, "gateway: " + describe(err));
    checks_->add("bus", health::scope::readiness,
                 [conn = api_->context()->state().connection(),
                  url = cfg_.nats_url]() -> std::optional<std::string> {
                   if (conn->connected()) return std::nullopt;
                   return "not connected to " + url;
                 });
    auto server = http::http_server::start(cfg_.http, routes);
    if (!server) return server.error();
    http_ = std::move(*server);
    auto address = http_->address() + ":" + std::to_string(http_->port());
    log_->info("http listening on {}", address);
    auto announce = [line =
                         "kactor gateway: ready (http " + address + ", bus " + cfg_.nats_url + ")",
                     log = log_] {
      log->info("ready");
      std::printf("%s\n", line.c_str());
      std::fflush(stdout);
    };
    poller_ = sys_.spawn(ready_poller, checks_, announce, log_);
    return {};
  }

  // Fails /readyz, drains the listener (bounded by `drain_limit`), then closes the API's bus
  // connections and the watch cache. Idempotent.
  void shutdown(std::chrono::milliseconds drain_limit = 0ms) {
    checks_->begin_shutdown();
    if (poller_) caf::anon_send_exit(poller_, caf::exit_reason::user_shutdown);
    poller_ = nullptr;
    if (http_) {
      if (drain_limit.count() > 0)
        http_->drain(drain_limit);
      else
        http_->stop();
    }
    if (api_) api_->stop();
  }

 private:
  const config::gateway_command_config& cfg_;
  std::shared_ptr<spdlog::logger> log_;
  caf::actor_system_config sys_cfg_;
  caf::actor_system sys_;
  std::shared_ptr<health::health_checks> checks_ = std::make_shared<health::health_checks>();
  std::shared_ptr<rest::api_server> api_;
  std::unique_ptr<http::http_server> http_;
  caf::actor poller_;
};

}  // namespace

int run_gateway(const config::gateway_command_config& cfg, std::string_view version,
                std::shared_ptr<shutdown_signal> stop) {
  // log_setup always writes a file besides stderr; without --log-file that file is /dev/null.
  auto log_file = cfg.log_file.empty() ? std::filesystem::path{"/dev/null"} : cfg.log_file;
  auto logs = log_setup::open(cfg.log, log_file);
  if (!logs) {
    std::fprintf(stderr, "kactor gateway: %s\n", describe(logs.error()).c_str());
    return 1;
  }
  logs->install_default();
  auto log = logs->logger("gateway");
  std::optional<watchdog> limit;  // outlives the runtime: bounds its destruction too
  gateway_runtime runtime{cfg, log};
  log->info("kactor {} gateway starting: pid {}, bus {}, http {}:{}", version, ::getpid(),
            cfg.nats_url, cfg.http.bind_address, cfg.http.port);
  if (auto err = runtime.start(version)) {
    log->error("startup failed: {}", describe(err));
    return 1;
  }
  shut_down_when_signalled(*stop, limit, log, cfg.shutdown_grace, [&] {
    // Half the grace for the listener to drain: the bus connections need the rest.
    runtime.shutdown(std::max<std::chrono::milliseconds>(cfg.shutdown_grace / 2, 1ms));
  });
  return 0;
}

}  // namespace kactor::cmd
