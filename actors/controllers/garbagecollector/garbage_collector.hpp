#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/apiclient/api_client.hpp"
#include "actors/informer/snapshot.hpp"

namespace spdlog {
class logger;
}

// The garbage collector (kube-controller-manager's): objects whose ownerReferences all point
// to objects that no longer exist are deleted (propagationPolicy Background), so `kubectl
// delete deployment web` also removes its ReplicaSets and their Pods. Owners deleted with
// propagationPolicy Orphan (finalizer "orphan", set by the gateway) first lose their
// dependents' references to them; owners deleted with Foreground (finalizer
// "foregroundDeletion") first lose their dependents. The decisions are owner_graph.hpp; owner
// absence seen in the caches is confirmed by a fresh read before anything is deleted, so a
// cache that lags (a new ReplicaSet seen before its new Deployment) never deletes a live object.
// docs/controllers.md.
//
// Protocol: (informer::event_atom, notification) from every watched informer (the caller adds
// it as a listener): each change schedules one scan of all caches `scan_delay` later, but a
// scan starts no sooner than `busy_factor` times the last scan's duration after it ended, so
// on a large cluster under constant change scanning takes at most 1/(1+busy_factor) of a core
// (150,000 pods: a ~0.3 s scan every ~6 s) instead of all of it.
namespace kactor::controllers::gc {

// One resource the collector watches.
struct watched_resource {
  std::string group;     // "" = core
  std::string resource;  // plural
  bool namespaced = false;
  std::shared_ptr<informer::cache> cache;  // its informer's cache (every namespace)
};

// Every stored resource of the registry that can be listed, watched and deleted and has
// metadata, except events (which own nothing and are owned by nothing), as (group, resource,
// namespaced) with no cache: what a controller manager opens informers for.
std::vector<watched_resource> collectable_resources();

struct gc_options {
  int workers = 20;                                // --concurrent-gc-syncs
  std::chrono::milliseconds scan_delay{50};        // from a change to the scan it triggers
  std::chrono::milliseconds resync_period{30000};  // a scan at least this often
  int busy_factor = 19;  // idle time after a scan, in multiples of its duration
};

struct gc_deps {
  std::vector<watched_resource> resources;  // with caches
  std::shared_ptr<const apiclient::api_client> client;
  std::shared_ptr<spdlog::logger> log;  // null: the default logger
};

// Spawns the collector; it works until it receives an exit message.
caf::actor spawn_garbage_collector(caf::actor_system& sys, gc_options options, gc_deps deps);

}  // namespace kactor::controllers::gc
