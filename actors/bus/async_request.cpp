#include "actors/bus/async_request.hpp"

#include <cstdint>

#include <caf/event_based_actor.hpp>

#include "actors/bus/events.hpp"

namespace kactor::bus {

void request_async(caf::actor_system& sys, std::shared_ptr<connection> conn, std::string subject,
                   std::string data, std::chrono::milliseconds timeout, request_callback done) {
  sys.spawn([conn = std::move(conn), subject = std::move(subject), data = std::move(data), timeout,
             done = std::move(done)](caf::event_based_actor* self) mutable -> caf::behavior {
    auto id = conn->request(subject, data, timeout, caf::actor_cast<caf::actor>(self));
    if (!id) {
      done(id.error());
      self->quit();
      return {};
    }
    return {
        [self, done](reply_atom, std::uint64_t, std::string& reply) {
          done(std::move(reply));
          self->quit();
        },
        [self, done](reply_atom, std::uint64_t, caf::error& err) {
          done(std::move(err));
          self->quit();
        },
    };
  });
}

}  // namespace kactor::bus
