#include "cmd/kactor/role_factory.hpp"

#include "actors/scheduler/scheduler.hpp"

namespace kactor::cmd {

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
      o.start_leading = start_leading;
      return scheduler::spawn_scheduler(sys, o, log);
    }
    case config::role_kind::controller_manager:
    case config::role_kind::kubelet:
      break;
  }
  return caf::make_error(caf::sec::runtime_error,
                         std::string(role_name(kind)) + " is not available in this build");
}

}  // namespace kactor::cmd
