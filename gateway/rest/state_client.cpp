#include "gateway/rest/state_client.hpp"

#include <caf/event_based_actor.hpp>

#include "actors/bus/events.hpp"

namespace kactor::rest {

state_client::state_client(caf::actor_system& sys, std::shared_ptr<bus::connection> rpc,
                           std::chrono::milliseconds timeout)
    : sys_(sys), rpc_(std::move(rpc)), timeout_(timeout) {}

void state_client::call(bus::subjects::state_verb verb, std::string request,
                        raw_callback done) const {
  auto subject = bus::subjects::state(verb);
  sys_.spawn([conn = rpc_, subject = std::move(subject), request = std::move(request),
              timeout = timeout_,
              done = std::move(done)](caf::event_based_actor* self) mutable -> caf::behavior {
    auto id = conn->request(subject, request, timeout, caf::actor_cast<caf::actor>(self));
    if (!id) {
      done(id.error());
      self->quit();
      return {};
    }
    return {
        [self, done](bus::reply_atom, std::uint64_t, std::string& data) {
          done(std::move(data));
          self->quit();
        },
        [self, done](bus::reply_atom, std::uint64_t, caf::error& err) {
          done(std::move(err));
          self->quit();
        },
    };
  });
}

}  // namespace kactor::rest
