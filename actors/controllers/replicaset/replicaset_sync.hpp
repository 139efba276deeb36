#pragma once

#include <memory>
#include <string>

#include "actors/controllers/common/expectations.hpp"
#include "actors/controllers/common/sync_loop.hpp"
#include "actors/controllers/replicaset/owner_kind.hpp"
#include "actors/controllers/replicaset/replicaset_controller.hpp"

// One sync of one ReplicaSet (key "namespace/name"), run by the controller's sync_loop.
namespace kactor::controllers::replicaset {

struct controller_state {
  owner_kind kind = replica_set_kind();
  replicaset_options opts;
  replicaset_deps deps;
  expectations expected;
  std::unique_ptr<sync_loop> loop;
};

// Claims pods (adopt, release), creates or deletes pods toward spec.replicas when the
// expectations are satisfied, then writes the status if it changed. Idempotent.
void sync_replicaset(controller_state& st, sync_context& ctx);

}  // namespace kactor::controllers::replicaset
