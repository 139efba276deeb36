#pragma once

#include <chrono>
#include <memory>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/apiclient/api_client.hpp"
#include "actors/apiclient/event_recorder.hpp"
#include "actors/informer/snapshot.hpp"

namespace spdlog {
class logger;
}

// The node lifecycle controller (kube-controller-manager's node-lifecycle plus taint-eviction
// parts): every monitor period it checks each Node's heartbeats (its Lease in kube-node-lease
// and its Ready condition); a node silent for the grace period gets its conditions set to
// Unknown; the not-ready / unreachable taints follow the Ready condition; pods on a node with
// NoExecute taints are evicted (deleted) once their tolerations run out (the default
// tolerations give 300 s). docs/controllers.md.
namespace kactor::controllers::nodelifecycle {

struct node_lifecycle_options {
  std::chrono::milliseconds monitor_period{5000};  // --node-monitor-period
  std::chrono::milliseconds grace_period{40000};   // --node-monitor-grace-period
};

struct node_lifecycle_deps {
  // Synced informer caches of nodes, leases (at least kube-node-lease) and pods.
  std::shared_ptr<informer::cache> nodes;
  std::shared_ptr<informer::cache> leases;
  std::shared_ptr<informer::cache> pods;
  std::shared_ptr<const apiclient::api_client> client;
  std::shared_ptr<apiclient::event_recorder> events;  // component "node-controller"
  std::shared_ptr<spdlog::logger> log;                // null: the default logger
};

// Spawns the controller; it works until it receives an exit message.
caf::actor spawn_node_lifecycle(caf::actor_system& sys, node_lifecycle_options options,
                                node_lifecycle_deps deps);

}  // namespace kactor::controllers::nodelifecycle
