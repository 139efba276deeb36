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

// The namespace controller: a deleted namespace (Terminating: deletionTimestamp set, its
// spec.finalizers still holding "kubernetes") is emptied, every namespaced resource deleted
// through the API (deletecollection), and once nothing is left its "kubernetes" finalizer is
// removed (the finalize subresource) and it is deleted for good. Pods that take their grace
// period to stop keep it Terminating until they are gone. docs/controllers.md.
namespace kactor::controllers::ns {

// The namespaced resources a namespace's deletion must empty: every stored, namespaced resource
// of the registry that can be listed and deleted as a collection ("pods", "configmaps",
// "deployments" ...), as (group, plural).
std::vector<std::pair<std::string, std::string>> namespaced_resources();

struct namespace_controller_options {
  std::chrono::milliseconds resync_period{1000};  // how often Terminating namespaces are retried
};

struct namespace_controller_deps {
  std::shared_ptr<informer::cache> namespaces;  // a synced informer cache of namespaces
  std::shared_ptr<const apiclient::api_client> client;
  std::shared_ptr<spdlog::logger> log;  // null: the default logger
};

caf::actor spawn_namespace_controller(caf::actor_system& sys, namespace_controller_options options,
                                      namespace_controller_deps deps);

}  // namespace kactor::controllers::ns
