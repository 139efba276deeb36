#include "cmd/kactor/role_factory.hpp"

#include "actors/controllers/controller_manager.hpp"
#include "actors/scheduler/scheduler.hpp"
#include "node/agent/kubelet.hpp"
#include "node/simulated/simulated_nodes.hpp"

namespace kactor::cmd {

node::simulated::simulated_nodes_options simulated(const config::role_command_config& cfg) {
  node::simulated::simulated_nodes_options o;
  o.nats_url = cfg.nats_url;
  o.count = static_cast<int>(cfg.simulate);
  o.prefix = cfg.simulate_prefix;
  o.cpu = cfg.simulate_cpu;
  o.memory = cfg.simulate_memory;
  o.max_pods = static_cast<int>(cfg.simulate_max_pods);
  o.labels = cfg.simulate_labels;
  o.zones = static_cast<int>(cfg.simulate_zones);
  o.taint = cfg.simulate_taint;
  o.pod_start_delay = cfg.simulate_pod_start_delay;
  o.lease_renew_interval = cfg.node_status_update_frequency;
  return o;
}

const char* role_name(config::role_kind kind) {
  switch (kind) {
    case config::role_kind::scheduler:
      return "scheduler";
    case config::role_kind::controller_manager:
      return "controller-manager";
    case config::role_kind::kubelet:
      return "kubelet";
  }
  return "role";
}

caf::expected<caf::actor> spawn_role(caf::actor_system& sys, config::role_kind kind,
                                     const config::role_command_config& cfg, bool start_leading,
                                     const log_setup& logs) {
  auto log = logs.logger(role_name(kind));
  switch (kind) {
    case config::role_kind::scheduler: {
      scheduler::scheduler_options o;
      o.nats_url = cfg.nats_url;
      if (!cfg.scheduler_config_text.empty()) {
        auto parsed = scheduler::parse_scheduler_config(cfg.scheduler_config_text);
        if (!parsed)
          return caf::make_error(caf::sec::invalid_argument, cfg.scheduler_config_file.string() +
                                                                 ": " + parsed.error().message);
        o.config = *parsed;
      }
      o.start_leading = start_leading;
      return scheduler::spawn_scheduler(sys, o, log);
    }
    case config::role_kind::controller_manager: {
      controllers::controller_manager_options o;
      o.nats_url = cfg.nats_url;
      o.start_leading = start_leading;
      o.node_monitor_period = cfg.node_monitor_period;
      o.node_monitor_grace_period = cfg.node_monitor_grace_period;
      return controllers::spawn_controller_manager(sys, o, log);
    }
    case config::role_kind::kubelet: {
      if (cfg.simulate > 0) return node::simulated::spawn_simulated_nodes(sys, simulated(cfg), log);
      node::agent::kubelet_options o;
      o.nats_url = cfg.nats_url;
      o.node_name = cfg.node_name;
      o.node_ip = cfg.node_ip;
      o.root_dir = cfg.root_dir;
      o.http_address = cfg.http_address;
      o.http_port = cfg.http_port;
      o.node_status_update_frequency = cfg.node_status_update_frequency;
      o.pod_manifest_path = cfg.pod_manifest_path;
      o.file_check_frequency = cfg.file_check_frequency;
      o.manifest_url = cfg.manifest_url;
      o.http_check_frequency = cfg.http_check_frequency;
      return node::agent::spawn_kubelet(sys, o, log);
    }
  }
  return caf::make_error(caf::sec::runtime_error,
                         std::string(role_name(kind)) + " is not available in this build");
}

}  // namespace kactor::cmd
