#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <caf/actor.hpp>

#include "gateway/rest/api_context.hpp"

// The namespaces a cluster always has (default, kube-system, kube-public, kube-node-lease),
// created by the gateway once the state actor answers, as kube-apiserver's system namespaces
// controller does.
namespace kactor::rest {

// Spawns an actor that creates each missing namespace, retrying every 500 ms until every one
// exists (created now or before), then sets `done` and ends.
caf::actor spawn_namespace_bootstrap(std::shared_ptr<api_context> ctx,
                                     std::vector<std::string> names,
                                     std::shared_ptr<std::atomic<bool>> done);

}  // namespace kactor::rest
