#include "gateway/watchcache/bus_hub.hpp"

#include <string>

#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include "actors/bus/events.hpp"

namespace kactor::watchcache {
namespace {

struct hub_state {
  std::vector<caf::actor> targets;
  std::shared_ptr<spdlog::logger> log;
};

caf::behavior bus_hub(caf::stateful_actor<hub_state>* self, std::shared_ptr<spdlog::logger> log) {
  self->state.log = log ? std::move(log) : spdlog::default_logger();
  auto forward = [self](auto atom, const std::string& text) {
    for (const auto& t : self->state.targets)
      self->send(t, atom, text);
  };
  return {
      [=](hub_targets_atom, std::vector<caf::actor>& targets) {
        self->state.targets = std::move(targets);
      },
      [=](bus::up_atom, const std::string& url) {
        self->state.log->info("watch cache: bus up ({})", url);
        forward(bus::up_atom::value, url);
      },
      [=](bus::down_atom, const std::string& reason) {
        self->state.log->warn("watch cache: bus down ({})", reason);
        forward(bus::down_atom::value, reason);
      },
      [=](bus::slow_atom, const std::string& subject) { forward(bus::slow_atom::value, subject); },
      [=](bus::closed_atom) {},
      [=](bus::error_atom, const std::string& message) {
        self->state.log->warn("watch cache: bus error: {}", message);
      },
  };
}

}  // namespace

caf::actor spawn_bus_hub(caf::actor_system& sys, std::shared_ptr<spdlog::logger> log) {
  return sys.spawn(bus_hub, std::move(log));
}

}  // namespace kactor::watchcache
