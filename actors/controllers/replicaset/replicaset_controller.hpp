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

// The ReplicaSet controller (kube-controller-manager's): keeps spec.replicas active pods for
// every ReplicaSet. It adopts orphan pods its selector matches and releases owned pods it no
// longer matches, creates missing pods from the template in slow-start batches, deletes surplus
// pods in Kubernetes' preference order, never double-creates or double-deletes on a stale cache
// (expectations), and writes status (replicas, fullyLabeledReplicas, readyReplicas,
// availableReplicas, observedGeneration, ReplicaFailure) when it changed. docs/controllers.md.
//
// Protocol: it listens to the informers (the caller adds it as a listener of both: see
// controller_manager) and takes (informer::event_atom, notification) for replicasets and pods.
namespace kactor::controllers::replicaset {

struct replicaset_options {
  int workers = 5;  // ReplicaSets synced concurrently (--concurrent-replicaset-syncs)
  // Manage core/v1 ReplicationControllers instead (the replicationcontroller controller:
  // the same logic; `replicasets` then names the ReplicationControllers' cache).
  bool replication_controllers = false;
};

struct replicaset_deps {
  std::shared_ptr<informer::cache> replicasets;  // informer caches, every namespace
  std::shared_ptr<informer::cache> pods;
  std::shared_ptr<const apiclient::api_client> client;
  std::shared_ptr<apiclient::event_recorder> events;  // component "replicaset-controller"
  std::shared_ptr<spdlog::logger> log;                // null: the default logger
};

// Spawns the controller; it works until it receives an exit message. Add the result as a
// listener of the replicasets and pods informers.
caf::actor spawn_replicaset_controller(caf::actor_system& sys, replicaset_options options,
                                       replicaset_deps deps);

}  // namespace kactor::controllers::replicaset
