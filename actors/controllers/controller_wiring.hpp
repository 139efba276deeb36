#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/event_based_actor.hpp>

#include "actors/apiclient/api_client.hpp"
#include "actors/bus/connection.hpp"
#include "actors/controllers/controller_manager.hpp"
#include "actors/informer/snapshot.hpp"

// Which informers each controller needs and how a controller is spawned: the controller
// manager's table, kept apart from its supervision.
namespace kactor::controllers {

// The manager's two connections, sent to it once opened.
struct bus_pair {
  std::shared_ptr<bus::connection> events;
  std::shared_ptr<bus::connection> rpc;
};

// One shared informer: its resource, its cache (kept across restarts) and its actor (null
// while restarting).
struct informer_slot {
  std::string group;
  std::string resource;
  bool namespaced = false;
  std::shared_ptr<informer::cache> cache;
  caf::actor actor;
};

struct wiring {
  controller_manager_options opts;
  std::shared_ptr<apiclient::api_client> client;
  std::vector<informer_slot> informers;       // every resource a configured controller needs
  std::map<std::string, caf::actor> running;  // controller name -> actor

  informer_slot* find(std::string_view group, std::string_view resource);
};

// The informers the configured controllers need (each resource once) and the API client.
wiring make_wiring(caf::actor_system& sys, std::shared_ptr<bus::connection> rpc,
                   const controller_manager_options& opts);

// True when `controller` is a listener of `slot`'s informer (not every controller listens:
// the namespace and node lifecycle controllers poll their caches).
bool listens(const std::string& controller, const informer_slot& slot);

// Spawns `controller`, registers it with the informers it listens to, and records it in
// w.running. nullopt (logged) for an unknown name.
std::optional<caf::actor> start_controller(caf::event_based_actor* self, wiring& w,
                                           const std::string& controller,
                                           const std::shared_ptr<spdlog::logger>& log);

}  // namespace kactor::controllers

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(kactor::controllers::bus_pair)
