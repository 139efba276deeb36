#pragma once

#include <memory>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/apiclient/api_client.hpp"
#include "actors/apiclient/event_recorder.hpp"
#include "actors/informer/snapshot.hpp"

namespace spdlog {
class logger;
}

// The Deployment controller (kube-controller-manager's): each template of a Deployment gets a
// ReplicaSet `<name>-<pod-template-hash>`; RollingUpdate moves pods from the old ReplicaSets to
// the new one within maxSurge/maxUnavailable, Recreate stops the old pods first; replicas
// changed mid-rollout are spread proportionally; paused Deployments do not roll out; revisions
// are counted on the ReplicaSets (so `kubectl rollout undo/history` work); old ReplicaSets
// beyond revisionHistoryLimit are deleted; status and conditions are what `kubectl rollout
// status` reads. The decisions are deployment_plan.hpp; this actor claims ReplicaSets and
// executes the plan. docs/controllers.md.
//
// Protocol: (informer::event_atom, notification) from the deployments, replicasets and pods
// informers (the caller adds it as a listener of all three).
namespace kactor::controllers::deployment {

struct deployment_options {
  int workers = 5;  // Deployments synced concurrently (--concurrent-deployment-syncs)
};

struct deployment_deps {
  std::shared_ptr<informer::cache> deployments;  // informer caches, every namespace
  std::shared_ptr<informer::cache> replicasets;
  std::shared_ptr<informer::cache> pods;
  std::shared_ptr<const apiclient::api_client> client;
  std::shared_ptr<apiclient::event_recorder> events;  // component "deployment-controller"
  std::shared_ptr<spdlog::logger> log;                // null: the default logger
};

// Spawns the controller; it works until it receives an exit message.
caf::actor spawn_deployment_controller(caf::actor_system& sys, deployment_options options,
                                       deployment_deps deps);

}  // namespace kactor::controllers::deployment
