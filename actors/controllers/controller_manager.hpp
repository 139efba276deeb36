#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/expected.hpp>

namespace spdlog {
class logger;
}

// The controller manager (kube-controller-manager): one process role that runs the
// controllers. It opens its two bus connections (events; rpc, low latency, also carrying the
// API client's calls) and one informer per resource, shared by every controller that needs
// it; it forwards the connections' up/down/slow events to the informers so they catch up
// after a loss, and supervises: an informer or controller that fails is restarted after
// `restart_delay` (an informer keeps its cache, so it resumes instead of relisting).
//
// Leadership hook: with start_leading=false the controllers start only on
// (leaderelection::leading_atom, true) and stop on (leading_atom, false) (informers keep
// running, so a new leader starts warm). Give the manager's actor as the `target` of
// leaderelection::spawn_leader_elector (lease "kube-controller-manager"). With
// start_leading=true (the default, a single manager) they start at once.
//
// Exit the actor to stop: controllers and informers exit with it, connections close.
// docs/controllers.md.
namespace kactor::controllers {

struct controller_manager_options {
  std::string nats_url = "nats://127.0.0.1:4222";  // bus server(s), comma-separated
  // Controllers to run, among: replicaset, replicationcontroller, deployment,
  // garbagecollector, namespace, nodelifecycle. Default: all of them.
  std::vector<std::string> controllers = {"replicaset", "replicationcontroller",
                                          "deployment", "garbagecollector",
                                          "namespace",  "nodelifecycle"};
  int replicaset_workers = 5;  // --concurrent-replicaset-syncs
  int deployment_workers = 5;  // --concurrent-deployment-syncs
  int gc_workers = 20;         // --concurrent-gc-syncs
  // Node lifecycle: how often nodes are checked, and how long a node may stay silent before
  // it is marked Unknown (--node-monitor-period, --node-monitor-grace-period).
  std::chrono::milliseconds node_monitor_period{5000};
  std::chrono::milliseconds node_monitor_grace_period{40000};
  bool start_leading = true;    // false: wait for (leading_atom, true)
  int restart_delay_ms = 1000;  // before restarting a failed informer or controller
  std::string user_agent = "kube-controller-manager/v1.32.0 kactor";
};

// The names `controllers` accepts, in start order.
const std::vector<std::string>& known_controllers();

// Spawns the manager. Fails with caf::sec::invalid_argument for an unknown controller name or
// a bad nats_url; a bus server that is not up yet is waited for in the background.
caf::expected<caf::actor> spawn_controller_manager(caf::actor_system& sys,
                                                   controller_manager_options options,
                                                   std::shared_ptr<spdlog::logger> log);

}  // namespace kactor::controllers
