#include "actors/controllers/controller_manager.hpp"

#include <algorithm>
#include <map>

#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include "actors/apiclient/event_recorder.hpp"
#include "actors/bus/connection.hpp"
#include "actors/bus/events.hpp"
#include "actors/controllers/controller_wiring.hpp"
#include "actors/informer/informer.hpp"
#include "actors/leaderelection/leader_elector.hpp"

namespace kactor::controllers {

namespace {

using init_atom = caf::atom_constant<caf::atom("cm_init")>;
using restart_atom = caf::atom_constant<caf::atom("cm_restart")>;

struct manager_state {
  controller_manager_options opts;
  std::shared_ptr<spdlog::logger> log;
  std::shared_ptr<bus::connection> events;
  std::shared_ptr<bus::connection> rpc;
  wiring wired;
  bool leading = false;
  bool stopping = false;
};

void start_informer(caf::event_based_actor* self, manager_state& st, informer_slot& slot) {
  informer::informer_options io;
  io.group = slot.group;
  io.resource = slot.resource;
  io.lean = true;
  auto a = informer::spawn_informer(self->system(), io, {st.events, st.rpc, slot.cache, st.log});
  if (!a) {
    st.log->error("controller manager: informer {}: {}", slot.resource, to_string(a.error()));
    return;
  }
  slot.actor = *a;
  self->monitor(slot.actor);
  for (const auto& [name, ctrl] : st.wired.running)
    if (listens(name, slot)) self->send(slot.actor, informer::listen_atom::value, ctrl);
}

void start_controllers(caf::event_based_actor* self, manager_state& st) {
  if (st.leading) return;
  st.leading = true;
  st.log->info("controller manager: starting controllers");
  for (const auto& name : st.opts.controllers)
    if (auto ctrl = start_controller(self, st.wired, name, st.log)) self->monitor(*ctrl);
}

void stop_controllers(caf::event_based_actor* self, manager_state& st) {
  if (!st.leading) return;
  st.leading = false;
  st.log->info("controller manager: stopping controllers");
  for (auto& [name, ctrl] : st.wired.running)
    self->send_exit(ctrl, caf::exit_reason::user_shutdown);
  st.wired.running.clear();
}

caf::behavior manager(caf::event_based_actor* self, std::shared_ptr<manager_state> st) {
  self->attach_functor([st] {
    st->stopping = true;
    for (auto& [name, ctrl] : st->wired.running)
      caf::anon_send_exit(ctrl, caf::exit_reason::user_shutdown);
    for (auto& slot : st->wired.informers)
      if (slot.actor) caf::anon_send_exit(slot.actor, caf::exit_reason::user_shutdown);
    if (st->events) st->events->close();
    if (st->rpc) st->rpc->close();
  });
  self->set_down_handler([self, st](caf::down_msg& m) {
    if (st->stopping) return;
    for (auto& slot : st->wired.informers) {
      if (slot.actor.address() != m.source) continue;
      st->log->warn("controller manager: informer {} ended ({}): restarting", slot.resource,
                    to_string(m.reason));
      slot.actor = nullptr;
      self->delayed_send(self, std::chrono::milliseconds(st->opts.restart_delay_ms),
                         restart_atom::value, std::string("informer"),
                         slot.group + "/" + slot.resource);
      return;
    }
    for (auto it = st->wired.running.begin(); it != st->wired.running.end(); ++it) {
      if (it->second.address() != m.source) continue;
      st->log->warn("controller manager: controller {} ended ({}): restarting", it->first,
                    to_string(m.reason));
      auto name = it->first;
      st->wired.running.erase(it);
      self->delayed_send(self, std::chrono::milliseconds(st->opts.restart_delay_ms),
                         restart_atom::value, std::string("controller"), name);
      return;
    }
  });
  auto forward = [st](auto atom, const std::string& text) {
    for (auto& slot : st->wired.informers)
      if (slot.actor) caf::anon_send(slot.actor, atom, text);
  };
  return {
      [self, st](init_atom, bus_pair& bus) {
        st->events = std::move(bus.events);
        st->rpc = std::move(bus.rpc);
        st->wired = make_wiring(self->system(), st->rpc, st->opts);
        for (auto& slot : st->wired.informers)
          start_informer(self, *st, slot);
        if (st->opts.start_leading) start_controllers(self, *st);
      },
      [self, st](leaderelection::leading_atom, bool leading) {
        if (leading)
          start_controllers(self, *st);
        else
          stop_controllers(self, *st);
      },
      [self, st](restart_atom, const std::string& what, const std::string& name) {
        if (what == "informer") {
          for (auto& slot : st->wired.informers)
            if (!slot.actor && slot.group + "/" + slot.resource == name)
              start_informer(self, *st, slot);
          return;
        }
        if (!st->leading || st->wired.running.count(name)) return;
        if (auto ctrl = start_controller(self, st->wired, name, st->log)) self->monitor(*ctrl);
      },
      [=](bus::up_atom, const std::string& url) {
        st->log->info("controller manager: bus up ({})", url);
        forward(bus::up_atom::value, url);
      },
      [=](bus::down_atom, const std::string& reason) {
        st->log->warn("controller manager: bus down ({})", reason);
        forward(bus::down_atom::value, reason);
      },
      [=](bus::slow_atom, const std::string& subject) { forward(bus::slow_atom::value, subject); },
      [](bus::closed_atom) {},
      [st](bus::error_atom, const std::string& message) {
        st->log->warn("controller manager: bus error: {}", message);
      },
  };
}

}  // namespace

const std::vector<std::string>& known_controllers() {
  static const std::vector<std::string> names = {"replicaset", "replicationcontroller",
                                                 "deployment", "garbagecollector",
                                                 "namespace",  "nodelifecycle"};
  return names;
}

caf::expected<caf::actor> spawn_controller_manager(caf::actor_system& sys,
                                                   controller_manager_options options,
                                                   std::shared_ptr<spdlog::logger> log) {
  for (const auto& name : options.controllers)
    if (std::find(known_controllers().begin(), known_controllers().end(), name) ==
        known_controllers().end())
      return caf::make_error(caf::sec::invalid_argument, "unknown controller: " + name);
  bus::connection_options events;
  events.url = options.nats_url;
  events.name = "kactor-controller-manager-events";
  if (auto err = bus::validate(events)) return err;
  auto st = std::make_shared<manager_state>();
  st->log = log ? std::move(log) : spdlog::default_logger();
  st->opts = std::move(options);
  auto self = sys.spawn(manager, st);
  auto rpc = events;
  rpc.name = "kactor-controller-manager-rpc";
  rpc.low_latency = true;
  auto ev = bus::connection::open(events, self);
  auto rp = ev ? bus::connection::open(rpc, self)
               : caf::expected<std::shared_ptr<bus::connection>>(ev.error());
  if (!ev || !rp) {
    caf::anon_send_exit(self, caf::exit_reason::user_shutdown);
    return !ev ? ev.error() : rp.error();
  }
  caf::anon_send(self, init_atom::value, bus_pair{std::move(*ev), std::move(*rp)});
  return self;
}

}  // namespace kactor::controllers
