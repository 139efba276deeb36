#include "actors/controllers/controller_wiring.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "actors/apiclient/event_recorder.hpp"
#include "actors/controllers/deployment/deployment_controller.hpp"
#include "actors/controllers/garbagecollector/garbage_collector.hpp"
#include "actors/controllers/namespace/namespace_controller.hpp"
#include "actors/controllers/nodelifecycle/node_lifecycle.hpp"
#include "actors/controllers/replicaset/replicaset_controller.hpp"
#include "actors/informer/informer.hpp"

namespace kactor::controllers {

namespace {

using resource_list = std::vector<std::pair<std::string, std::string>>;

// The (group, resource) informers of each controller.
resource_list needs(const std::string& controller) {
  if (controller == "replicaset") return {{"apps", "replicasets"}, {"", "pods"}};
  if (controller == "replicationcontroller") return {{"", "replicationcontrollers"}, {"", "pods"}};
  if (controller == "deployment")
    return {{"apps", "deployments"}, {"apps", "replicasets"}, {"", "pods"}};
  if (controller == "namespace") return {{"", "namespaces"}};
  if (controller == "nodelifecycle")
    return {{"", "nodes"}, {"coordination.k8s.io", "leases"}, {"", "pods"}};
  if (controller == "garbagecollector") {
    resource_list out;
    for (const auto& r : gc::collectable_resources())
      out.emplace_back(r.group, r.resource);
    return out;
  }
  return {};
}

std::shared_ptr<informer::cache> cache_of(wiring& w, std::string_view group,
                                          std::string_view resource) {
  auto* slot = w.find(group, resource);
  return slot ? slot->cache : nullptr;
}

caf::actor spawn_named(caf::actor_system& sys, wiring& w, const std::string& name,
                       const std::shared_ptr<spdlog::logger>& log) {
  auto recorder = [&](const char* component) {
    return std::make_shared<apiclient::event_recorder>(w.client, component);
  };
  if (name == "replicaset")
    return replicaset::spawn_replicaset_controller(
        sys, {w.opts.replicaset_workers},
        {cache_of(w, "apps", "replicasets"), cache_of(w, "", "pods"), w.client,
         recorder("replicaset-controller"), log});
  if (name == "replicationcontroller") {
    replicaset::replicaset_options o{w.opts.replicaset_workers};
    o.replication_controllers = true;
    return replicaset::spawn_replicaset_controller(
        sys, o,
        {cache_of(w, "", "replicationcontrollers"), cache_of(w, "", "pods"), w.client,
         recorder("replication-controller"), log});
  }
  if (name == "deployment")
    return deployment::spawn_deployment_controller(
        sys, {w.opts.deployment_workers},
        {cache_of(w, "apps", "deployments"), cache_of(w, "apps", "replicasets"),
         cache_of(w, "", "pods"), w.client, recorder("deployment-controller"), log});
  if (name == "namespace")
    return ns::spawn_namespace_controller(sys, {}, {cache_of(w, "", "namespaces"), w.client, log});
  if (name == "nodelifecycle")
    return nodelifecycle::spawn_node_lifecycle(
        sys, {w.opts.node_monitor_period, w.opts.node_monitor_grace_period},
        {cache_of(w, "", "nodes"), cache_of(w, "coordination.k8s.io", "leases"),
         cache_of(w, "", "pods"), w.client, recorder("node-controller"), log});
  if (name == "garbagecollector") {
    gc::gc_deps deps{gc::collectable_resources(), w.client, log};
    for (auto& r : deps.resources)
      r.cache = cache_of(w, r.group, r.resource);
    gc::gc_options o;
    o.workers = w.opts.gc_workers;
    return gc::spawn_garbage_collector(sys, o, std::move(deps));
  }
  return {};
}

}  // namespace

informer_slot* wiring::find(std::string_view group, std::string_view resource) {
  for (auto& s : informers)
    if (s.group == group && s.resource == resource) return &s;
  return nullptr;
}

wiring make_wiring(caf::actor_system& sys, std::shared_ptr<bus::connection> rpc,
                   const controller_manager_options& opts) {
  wiring w;
  w.opts = opts;
  w.client = std::make_shared<apiclient::api_client>(sys, std::move(rpc), opts.user_agent);
  for (const auto& name : opts.controllers)
    for (const auto& [group, resource] : needs(name))
      if (!w.find(group, resource))
        w.informers.push_back({group, resource, false, std::make_shared<informer::cache>(), {}});
  return w;
}

bool listens(const std::string& controller, const informer_slot& slot) {
  if (controller == "namespace" || controller == "nodelifecycle") return false;
  auto list = needs(controller);
  return std::find(list.begin(), list.end(), std::make_pair(slot.group, slot.resource)) !=
         list.end();
}

std::optional<caf::actor> start_controller(caf::event_based_actor* self, wiring& w,
                                           const std::string& controller,
                                           const std::shared_ptr<spdlog::logger>& log) {
  auto actor = spawn_named(self->system(), w, controller, log);
  if (!actor) {
    log->error("controller manager: unknown controller {}", controller);
    return std::nullopt;
  }
  for (auto& slot : w.informers)
    if (slot.actor && listens(controller, slot))
      self->send(slot.actor, informer::listen_atom::value, actor);
  w.running[controller] = actor;
  return actor;
}

}  // namespace kactor::controllers
