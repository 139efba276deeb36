#include "cmd/kactor/up_coordinator.hpp"

#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include "actors/bus/events.hpp"
#include "actors/supervision/process_supervisor.hpp"

namespace kactor::cmd {
namespace {

struct coordinator_state {
  up_endpoints endpoints;
  std::shared_ptr<spdlog::logger> log;
  std::function<void(const std::string&)> announce;
  bool bus_up = false;       // seen at least once
  bool state_ready = false;  // the state role answered at least once
  bool http_ready = false;   // the API listener is up
  bool announced = false;
  bool shutting_down = false;
  std::uint64_t bus_losses = 0;
};

void announce_when_ready(coordinator_state& st) {
  if (st.announced || !st.bus_up || !st.state_ready || !st.http_ready) return;
  st.announced = true;
  st.announce(ready_line(st.endpoints));
}

caf::behavior up_coordinator(caf::stateful_actor<coordinator_state>* self, up_endpoints endpoints,
                             std::shared_ptr<spdlog::logger> log,
                             std::function<void(const std::string&)> announce) {
  auto& st = self->state;
  st.endpoints = std::move(endpoints);
  st.log = std::move(log);
  st.announce = std::move(announce);
  return {
      [=](bus::up_atom, const std::string& url) {
        auto& st = self->state;
        st.log->info("bus connected to {}", url);
        st.bus_up = true;
        announce_when_ready(st);
      },
      [=](state_ready_atom, std::uint64_t revision) {
        auto& st = self->state;
        st.log->info("the state role serves (revision {})", revision);
        st.state_ready = true;
        announce_when_ready(st);
      },
      [=](http_ready_atom, const std::string& address) {
        auto& st = self->state;
        st.endpoints.http = address;
        st.http_ready = true;
        announce_when_ready(st);
      },
      [=](bus::down_atom, const std::string& reason) {
        auto& st = self->state;
        if (st.shutting_down) {
          st.log->debug("bus down during shutdown ({})", reason);
          return;
        }
        if (!st.bus_up) {  // never connected yet: the server may still be starting
          st.log->info("waiting for the bus ({})", reason);
          return;
        }
        ++st.bus_losses;
        st.log->warn("bus down ({}); reconnecting (loss #{})", reason, st.bus_losses);
      },
      [=](bus::closed_atom) { self->state.log->info("bus connection closed"); },
      [=](bus::slow_atom, const std::string& subject) {
        self->state.log->warn("bus: slow consumer on {}; messages were dropped", subject);
      },
      [=](bus::error_atom, const std::string& message) {
        self->state.log->warn("bus: {}", message);
      },
      [=](supervision::started_atom, const std::string& name, std::int32_t pid,
          std::uint64_t restarts) {
        if (restarts > 0)
          self->state.log->warn("{} restarted (pid {}, restart #{})", name, pid, restarts);
      },
      [=](shutdown_atom) { self->state.shutting_down = true; },
      [=](up_status_atom) {
        return caf::make_message(self->state.announced, self->state.bus_losses);
      },
      [=](supervision::exited_atom, const std::string& name, std::int32_t pid,
          const std::string& how) { self->state.log->debug("{} pid {} {}", name, pid, how); },
  };
}

}  // namespace

std::string ready_line(const up_endpoints& endpoints) {
  return "kactor up: ready (http " + endpoints.http + ", bus " + endpoints.bus_url + ", data dir " +
         endpoints.data_dir + ")";
}

caf::actor spawn_up_coordinator(caf::actor_system& sys, up_endpoints endpoints,
                                std::shared_ptr<spdlog::logger> log,
                                std::function<void(const std::string&)> announce) {
  return sys.spawn(up_coordinator, std::move(endpoints), std::move(log), std::move(announce));
}

}  // namespace kactor::cmd
