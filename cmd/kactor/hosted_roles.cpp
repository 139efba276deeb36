#include "cmd/kactor/hosted_roles.hpp"

#include <spdlog/spdlog.h>
#include <caf/event_based_actor.hpp>

#include "actors/supervision/actor_supervisor.hpp"
#include "cmd/kactor/describe.hpp"
#include "cmd/kactor/role_factory.hpp"
#include "node/simulated/simulated_nodes.hpp"

namespace kactor::cmd {

namespace {

// The child of a role whose spawn failed: it ends with that error at once, so the supervisor
// retries after its back-off.
caf::actor failed_role(caf::actor_system& sys, caf::error err) {
  return sys.spawn([err](caf::event_based_actor* self) { self->quit(err); });
}

// A supervisor child for a role spawned by `spawn` (returning caf::expected<caf::actor>).
template <class Spawn>
supervision::actor_spec role(std::string name, Spawn spawn, std::shared_ptr<spdlog::logger> log) {
  return {name,
          [name, spawn, log](caf::actor_system& sys) {
            auto actor = spawn(sys);
            if (actor) return *actor;
            log->error("{} did not start: {}", name, describe(actor.error()));
            return failed_role(sys, actor.error());
          },
          config::restart_policy{}};
}

}  // namespace

caf::actor start_hosted_roles(caf::actor_system& sys, const config::up_config& cfg,
                              const std::string& bus_url, const log_setup& logs) {
  auto settings = role_settings_for_up(cfg, bus_url);
  std::vector<supervision::actor_spec> children;
  for (auto kind : {config::role_kind::scheduler, config::role_kind::controller_manager,
                    config::role_kind::kubelet}) {
    if (!config::runs_role(cfg, role_name(kind))) continue;
    auto log = logs.logger(role_name(kind));
    children.push_back(role(
        role_name(kind),
        [kind, settings, logs](caf::actor_system& s) {
          return spawn_role(s, kind, settings, true, logs);
        },
        log));
  }
  if (cfg.simulated_nodes > 0) {
    auto sim = settings;
    sim.simulate = cfg.simulated_nodes;
    children.push_back(role(
        "simulated-nodes",
        [sim, logs](caf::actor_system& s) {
          return node::simulated::spawn_simulated_nodes(s, simulated(sim),
                                                        logs.logger("simulated-nodes"));
        },
        logs.logger("simulated-nodes")));
  }
  return supervision::spawn_actor_supervisor(sys, "roles", std::move(children), logs.logger("up"));
}

config::role_command_config role_settings_for_up(const config::up_config& cfg,
                                                 const std::string& bus_url) {
  config::role_command_config r;
  r.data_dir = cfg.data_dir;
  r.nats_url = bus_url;
  r.log = cfg.log;
  r.leader_elect = false;
  r.node_monitor_period = cfg.node_monitor_period;
  r.node_monitor_grace_period = cfg.node_monitor_grace_period;
  r.node_name = cfg.node_name;
  r.node_status_update_frequency = cfg.node_status_update_frequency;
  r.pod_manifest_path = cfg.pod_manifest_path;
  r.file_check_frequency = cfg.file_check_frequency;
  r.manifest_url = cfg.manifest_url;
  r.http_check_frequency = cfg.http_check_frequency;
  auto finalized = config::finalize(r, "up");
  return finalized ? *finalized : r;
}

}  // namespace kactor::cmd
