#pragma once

#include <memory>

#include "actors/controllers/common/sync_loop.hpp"
#include "actors/controllers/deployment/deployment_controller.hpp"

// One sync of one Deployment (key "namespace/name"), run by the controller's sync_loop.
namespace kactor::controllers::deployment {

struct controller_state {
  deployment_options opts;
  deployment_deps deps;
  std::unique_ptr<sync_loop> loop;
};

// Claims ReplicaSets (adopt, release), plans the next step (deployment_plan.hpp) and writes it:
// the new ReplicaSet, scaled ReplicaSets, history cleanup, events, status, revision. Idempotent.
void sync_deployment(controller_state& st, sync_context& ctx);

}  // namespace kactor::controllers::deployment
