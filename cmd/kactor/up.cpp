#include "cmd/kactor/up.hpp"

#include <unistd.h>

#include <spdlog/spdlog.h>
#include <atomic>
#include <caf/all.hpp>
#include <cstdio>
#include <optional>

#include "actors/bus/connection.hpp"
#include "actors/supervision/actor_supervisor.hpp"
#include "actors/supervision/nats_server.hpp"
#include "actors/supervision/process_supervisor.hpp"
#include "cmd/kactor/data_dir.hpp"
#include "cmd/kactor/describe.hpp"
#include "cmd/kactor/hosted_roles.hpp"
#include "cmd/kactor/kubeconfig.hpp"
#include "cmd/kactor/logging.hpp"
#include "cmd/kactor/scheduler_tuning.hpp"
#include "cmd/kactor/state_host.hpp"
#include "cmd/kactor/state_options.hpp"
#include "cmd/kactor/up_coordinator.hpp"
#include "cmd/kactor/watchdog.hpp"
#include "gateway/health/health_routes.hpp"
#include "gateway/http/server.hpp"
#include "gateway/rest/api_server.hpp"

namespace kactor::cmd {
namespace {

using poll_atom = caf::atom_constant<caf::atom("up_poll")>;

caf::error failure(std::string message) {
  return caf::make_error(caf::sec::runtime_error, std::move(message));
}

void print_ready(const std::string& line) {
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

// Everything `kactor up` runs, started in dependency order and stopped in reverse. Members
// are declared so that destruction also runs in a safe order (the actor system last).
class up_runtime {
 public:
  up_runtime(const config::up_config& cfg, const log_setup& logs,
             std::shared_ptr<shutdown_signal> stop)
      : cfg_(cfg),
        logs_(logs),
        log_(logs.logger("up")),
        stop_(std::move(stop)),
        sys_(tuned(sys_cfg_)) {}

  ~up_runtime() { stop(); }

  std::shared_ptr<spdlog::logger> log() const { return log_; }

  // True when the state actor ended while serving (the process then exits with code 1).
  bool failed() const { return failed_; }

  // Starts the HTTP listener, the nats-server (unless external), the bus connection, and the
  // state role on that bus.
  caf::error start(std::string_view version) {
    checks_ = std::make_shared<health::health_checks>();
    endpoints_.data_dir = cfg_.data_dir.string();
    std::optional<supervision::nats_server_plan> plan;
    endpoints_.bus_url = cfg_.nats_url;
    if (endpoints_.bus_url.empty()) {
      auto planned = supervision::plan_nats_server(cfg_.nats_server, cfg_.data_dir);
      if (!planned) return planned.error();
      plan = std::move(*planned);
      plan->spec.log = logs_.logger("nats-server");
      endpoints_.bus_url = plan->url;
    }
    if (auto err = write_file_atomically(cfg_.data_dir / "nats-url", endpoints_.bus_url + "\n"))
      return err;
    coordinator_ = spawn_up_coordinator(sys_, endpoints_, log_, print_ready);
    std::vector<supervision::actor_spec> children;
    if (plan)
      children.push_back({"nats-server",
                          [spec = plan->spec, listener = coordinator_](caf::actor_system& sys) {
                            return supervision::spawn_process_supervisor(sys, spec, listener);
                          },
                          config::restart_policy{}});
    root_ = supervision::spawn_actor_supervisor(sys_, "up", std::move(children), log_);
    if (auto err = open_bus()) return err;
    if (auto err = start_state(version)) return err;
    if (auto err = start_api(version)) return err;
    roles_ = start_hosted_roles(sys_, cfg_, endpoints_.bus_url, logs_);
    return {};
  }

  // Stops everything in reverse order; idempotent.
  void stop() {
    if (stopped_) return;
    stopped_ = true;
    if (checks_) checks_->begin_shutdown();
    if (coordinator_) caf::anon_send(coordinator_, shutdown_atom::value);
    // In-flight requests finish and watch streams end cleanly (kubectl and informers re-list
    // or re-watch), then the listener closes.
    if (roles_) stop_roles();
    if (http_) http_->drain(std::chrono::seconds(3));
    if (api_) api_->stop();
    if (state_) state_->stop();  // while the bus is up: it publishes what it committed last
    if (bus_) bus_->close();
    if (root_) {
      stop_nats();
      caf::anon_send_exit(root_, caf::exit_reason::user_shutdown);
    }
    if (coordinator_) caf::anon_send_exit(coordinator_, caf::exit_reason::user_shutdown);
    std::error_code ec;
    std::filesystem::remove(cfg_.data_dir / "nats-url", ec);
    std::filesystem::remove(cfg_.data_dir / "kubeconfig", ec);
  }

 private:
  caf::error open_bus() {
    bus::connection_options opts;
    opts.url = endpoints_.bus_url;
    opts.name = "kactor-up";
    auto conn = bus::connection::open(opts, coordinator_);
    if (!conn) return failure("bus: " + describe(conn.error()));
    bus_ = std::move(*conn);
    checks_->add("bus", health::scope::readiness,
                 [conn = bus_, url = endpoints_.bus_url]() -> std::optional<std::string> {
                   if (conn->connected()) return std::nullopt;
                   return "not connected to " + url;
                 });
    return {};
  }

  // The state role, on the store in <data_dir>/state; the coordinator prints the ready line
  // once it answered. Waits (up to 2 s) for the bus to register its subscriptions.
  caf::error start_state(std::string_view version) {
    auto options = make_state_role_options(cfg_.state, cfg_.data_dir, endpoints_.bus_url, version);
    state_probe_callbacks callbacks;
    callbacks.ready = [coordinator = coordinator_](std::uint64_t revision) {
      caf::anon_send(coordinator, state_ready_atom::value, revision);
    };
    callbacks.lost = [this](const std::string& why) {
      log_->critical("{}; stopping", why);
      failed_ = true;
      stop_->request(why);
    };
    auto seen = std::make_shared<state_health>();  // failing until the first answer
    checks_->add("state", health::scope::readiness, [seen] { return seen->failure(); });
    auto host =
        state_host::start(sys_, options, bus_, seen, logs_.logger("state"), std::move(callbacks));
    if (!host) return host.error();
    state_ = std::move(*host);
    return {};
  }

  // The Kubernetes API (bus connection, watch cache, routes) and its HTTP listener, then
  // DIR/kubeconfig pointing at it.
  caf::error start_api(std::string_view version) {
    auto routes = std::make_shared<http::router>();
    health::add_health_routes(*routes, checks_);
    rest::api_server_options opts;
    opts.nats_url = endpoints_.bus_url;
    opts.kactor_version = std::string{version};
    opts.server_address = cfg_.http.bind_address + ":" + std::to_string(cfg_.http.port);
    auto api = rest::api_server::create(sys_, opts, *routes, *checks_, logs_.logger("gateway"));
    if (!api) return failure("gateway: " + describe(api.error()));
    api_ = std::move(*api);
    if (auto err = api_->serve_bus(routes)) return failure("gateway: " + describe(err));
    auto server = http::http_server::start(cfg_.http, routes);
    if (!server) return server.error();
    http_ = std::move(*server);
    endpoints_.http = http_->address() + ":" + std::to_string(http_->port());
    log_->info("http listening on {}", endpoints_.http);
    announce_api_when_ready();
    return write_file_atomically(cfg_.data_dir / "kubeconfig",
                                 kubeconfig_text("http://" + endpoints_.http));
  }

  // Tells the coordinator once the API is settled (watch cache listed, system namespaces
  // exist), so the ready line means kubectl works. Polls: the readiness is a few atomics.
  void announce_api_when_ready() {
    sys_.spawn([api = api_, coordinator = coordinator_,
                http = endpoints_.http](caf::event_based_actor* self) -> caf::behavior {
      self->send(self, poll_atom::value);
      return {[=](poll_atom) {
        if (api->ready()) {
          caf::anon_send(coordinator, http_ready_atom::value, http);
          self->quit();
          return;
        }
        self->delayed_send(self, std::chrono::milliseconds(10), poll_atom::value);
      }};
    });
  }

  // Ends the hosted roles first (while the API they write through still serves) and waits
  // for them, up to 5 s.
  void stop_roles() {
    caf::scoped_actor self{sys_};
    self->monitor(roles_);
    caf::anon_send_exit(roles_, caf::exit_reason::user_shutdown);
    self->receive([](caf::down_msg&) {}, caf::after(std::chrono::seconds(5)) >> [] {});
  }

  // Stops the nats-server in order (SIGTERM, grace, SIGKILL) through its current supervisor.
  // Without this, ending the root supervisor would still kill it, but with SIGKILL at once.
  void stop_nats() {
    caf::scoped_actor self{sys_};
    caf::actor nats;
    self->request(root_, std::chrono::seconds(5), supervision::which_atom::value,
                  std::string{"nats-server"})
        .receive([&](caf::actor& current) { nats = std::move(current); }, [](caf::error&) {});
    if (!nats) return;  // embedded server not used, or its supervisor is between restarts
    auto limit = cfg_.nats_server.stop_grace + std::chrono::seconds(5);
    self->request(nats, limit, supervision::stop_atom::value)
        .receive([](supervision::stop_atom) {},
                 [&](caf::error& err) {
                   log_->error("nats-server supervisor did not stop: {}", describe(err));
                 });
  }

  const config::up_config& cfg_;
  const log_setup& logs_;
  std::shared_ptr<spdlog::logger> log_;
  std::shared_ptr<shutdown_signal> stop_;
  std::atomic<bool> failed_{false};
  caf::actor_system_config sys_cfg_;
  caf::actor_system sys_;
  std::shared_ptr<health::health_checks> checks_;
  std::unique_ptr<http::http_server> http_;
  std::shared_ptr<rest::api_server> api_;
  caf::actor roles_;  // supervisor of the scheduler, controller-manager and kubelet
  std::shared_ptr<bus::connection> bus_;
  std::unique_ptr<state_host> state_;
  caf::actor coordinator_;
  caf::actor root_;  // actor_supervisor "up": supervises the nats-server's process_supervisor
  up_endpoints endpoints_;
  bool stopped_ = false;
};

}  // namespace

int run_up(const config::up_config& cfg, std::string_view version,
           std::shared_ptr<shutdown_signal> stop) {
  auto lock = data_dir_lock::acquire(cfg.data_dir);
  if (!lock) {
    std::fprintf(stderr, "kactor up: %s\n", describe(lock.error()).c_str());
    return 1;
  }
  auto logs = log_setup::open(cfg.log, cfg.data_dir / "logs" / "kactor.log");
  if (!logs) {
    std::fprintf(stderr, "kactor up: %s\n", describe(logs.error()).c_str());
    return 1;
  }
  logs->install_default();
  std::optional<watchdog> limit;  // outlives the runtime: bounds its destruction too
  up_runtime runtime{cfg, *logs, stop};
  auto log = runtime.log();
  log->info("kactor {} starting: pid {}, data dir {}", version, ::getpid(), cfg.data_dir.string());
  if (auto err = runtime.start(version)) {
    log->error("startup failed: {}", describe(err));
    return 1;
  }
  shut_down_when_signalled(*stop, limit, log, cfg.shutdown_grace, [&] { runtime.stop(); });
  return runtime.failed() ? 1 : 0;
}

}  // namespace kactor::cmd
