#include "cmd/kactor/role_command.hpp"

#include <unistd.h>

#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include <cstdio>
#include <optional>

#include "actors/apiclient/api_client.hpp"
#include "actors/leaderelection/leader_elector.hpp"
#include "actors/scheduler/scheduler_config.hpp"
#include "actors/supervision/actor_supervisor.hpp"
#include "cmd/kactor/describe.hpp"
#include "cmd/kactor/logging.hpp"
#include "cmd/kactor/role_factory.hpp"
#include "cmd/kactor/scheduler_tuning.hpp"
#include "cmd/kactor/watchdog.hpp"

namespace kactor::cmd {

namespace {

using resend_atom = caf::atom_constant<caf::atom("rl_resend")>;

// Between the leader elector and the supervised role: remembers whether this process leads and
// tells the role's current instance, again every second, so a restarted instance (which starts
// not leading) learns it too. The message is idempotent for the role.
caf::behavior leading_relay(caf::event_based_actor* self, caf::actor supervisor,
                            std::string child) {
  auto leading = std::make_shared<bool>(false);
  auto tell = [=] {
    self->request(supervisor, std::chrono::seconds(1), supervision::which_atom::value, child)
        .then([=](caf::actor& current) {
          if (current) self->send(current, leaderelection::leading_atom::value, *leading);
        });
  };
  self->send(self, resend_atom::value);
  return {
      [=](leaderelection::leading_atom, bool now) {
        *leading = now;
        tell();
      },
      [=](resend_atom) {
        tell();
        self->delayed_send(self, std::chrono::seconds(1), resend_atom::value);
      },
  };
}

class role_runtime {
 public:
  role_runtime(config::role_kind kind, const config::role_command_config& cfg, log_setup logs)
      : kind_(kind),
        cfg_(cfg),
        logs_(std::move(logs)),
        log_(logs_.logger(role_name(kind))),
        sys_(tuned(sys_cfg_)) {}
  ~role_runtime() { stop(); }

  caf::error start() {
    if (kind_ == config::role_kind::scheduler && !cfg_.scheduler_config_text.empty())
      if (auto parsed = scheduler::parse_scheduler_config(cfg_.scheduler_config_text); !parsed)
        return caf::make_error(caf::sec::invalid_argument,
                               cfg_.scheduler_config_file.string() + ": " + parsed.error().message);
    bool elect = cfg_.leader_elect && kind_ != config::role_kind::kubelet;
    std::vector<supervision::actor_spec> children;
    children.push_back(
        {role_name(kind_),
         [kind = kind_, cfg = cfg_, logs = logs_, elect, log = log_](caf::actor_system& sys) {
           auto actor = spawn_role(sys, kind, cfg, !elect, logs);
           if (actor) return *actor;
           log->error("did not start: {}", describe(actor.error()));
           return sys.spawn(
               [err = actor.error()](caf::event_based_actor* self) { self->quit(err); });
         },
         config::restart_policy{}});
    root_ = supervision::spawn_actor_supervisor(sys_, role_name(kind_), std::move(children), log_);
    if (!elect) return {};
    owner_ = sys_.spawn([](caf::event_based_actor* self) -> caf::behavior {
      self->set_default_handler(caf::drop);
      return {[](bus::up_atom, const std::string&) {}};
    });
    bus::connection_options o;
    o.url = cfg_.nats_url;
    o.name = std::string("kactor-") + role_name(kind_) + "-election";
    o.low_latency = true;
    auto conn = bus::connection::open(o, owner_);
    if (!conn) return conn.error();
    conn_ = *conn;
    auto client = std::make_shared<apiclient::api_client>(
        sys_, conn_,
        std::string(kind_ == config::role_kind::scheduler ? "kube-scheduler"
                                                          : "kube-controller-manager") +
            "/v1.32.0 kactor");
    relay_ = sys_.spawn(leading_relay, root_, std::string(role_name(kind_)));
    leaderelection::elector_options eo;
    eo.lease_name =
        kind_ == config::role_kind::scheduler ? "kube-scheduler" : "kube-controller-manager";
    eo.identity = leaderelection::default_identity();
    eo.lease_duration = cfg_.lease_duration;
    eo.renew_deadline = cfg_.renew_deadline;
    eo.retry_period = cfg_.retry_period;
    elector_ = leaderelection::spawn_leader_elector(sys_, eo, client, relay_, log_);
    log_->info("leader election on kube-system/{} as {}", eo.lease_name, eo.identity);
    return {};
  }

  // The elector first (it releases the lease), then the role, then the connection.
  void stop() {
    if (stopped_) return;
    stopped_ = true;
    caf::scoped_actor self{sys_};
    for (auto* a : {&elector_, &relay_, &root_}) {
      if (!*a) continue;
      self->monitor(*a);
      caf::anon_send_exit(*a, caf::exit_reason::user_shutdown);
      self->receive([](caf::down_msg&) {}, caf::after(std::chrono::seconds(5)) >> [] {});
    }
    if (conn_) conn_->close();
    if (owner_) caf::anon_send_exit(owner_, caf::exit_reason::user_shutdown);
  }

 private:
  config::role_kind kind_;
  config::role_command_config cfg_;
  log_setup logs_;
  std::shared_ptr<spdlog::logger> log_;
  caf::actor_system_config sys_cfg_;
  caf::actor_system sys_;
  caf::actor root_;
  caf::actor owner_;
  caf::actor relay_;
  caf::actor elector_;
  std::shared_ptr<bus::connection> conn_;
  bool stopped_ = false;
};

}  // namespace

int run_role(config::role_kind kind, const config::role_command_config& cfg,
             std::string_view version, std::shared_ptr<shutdown_signal> stop) {
  auto log_file = cfg.log_file.empty() ? std::filesystem::path{"/dev/null"} : cfg.log_file;
  auto logs = log_setup::open(cfg.log, log_file);
  if (!logs) {
    std::fprintf(stderr, "kactor %s: %s\n", role_name(kind), describe(logs.error()).c_str());
    return 1;
  }
  logs->install_default();
  auto log = logs->logger(role_name(kind));
  std::optional<watchdog> limit;
  role_runtime runtime{kind, cfg, *logs};
  log->info("kactor {} {} starting: pid {}, bus {}", version, role_name(kind), ::getpid(),
            cfg.nats_url);
  if (auto err = runtime.start()) {
    log->error("startup failed: {}", describe(err));
    return 1;
  }
  std::printf("kactor %s: ready (bus %s)\n", role_name(kind), cfg.nats_url.c_str());
  std::fflush(stdout);
  shut_down_when_signalled(*stop, limit, log, cfg.shutdown_grace, [&] { runtime.stop(); });
  return 0;
}

}  // namespace kactor::cmd
