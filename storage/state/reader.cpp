#include "storage/state/reader.hpp"

#include <spdlog/spdlog.h>

#include <caf/event_based_actor.hpp>

#include "storage/state/reply_error.hpp"
#include "storage/state/state_verbs.hpp"

namespace kactor::state {

namespace {

caf::behavior reader(caf::event_based_actor* self, std::shared_ptr<query_service> service,
                     std::shared_ptr<bus::connection> rpc) {
  return {
      [service, rpc](bus::msg_atom, const std::string& subject, const std::string& reply,
                     const std::string& data) {
        if (reply.empty()) return;
        auto verb = verbs::verb_of(subject);
        auto answer = service->handle(verb, data);
        if (!answer) answer = error_reply(v1::Error::INVALID, "not a read verb: " + subject);
        auto err = rpc->respond(reply, *answer);
        if (err && bus::code_of(err) == bus::errc::too_large) {
          err = rpc->respond(reply, error_reply(v1::Error::TOO_LARGE,
                                                "the reply of " + std::to_string(answer->size()) +
                                                    " bytes exceeds the bus's max_payload"));
        }
        if (err) spdlog::warn("state: {}: reply failed: {}", subject, bus::describe(err));
      },
      [](bus::slow_atom, const std::string& subject) {
        spdlog::warn("state: requests on {} were dropped (slow consumer)", subject);
      },
  };
}

}  // namespace

caf::actor spawn_reader(caf::actor_system& sys, std::shared_ptr<query_service> service,
                        std::shared_ptr<bus::connection> rpc) {
  return sys.spawn<caf::detached>(reader, std::move(service), std::move(rpc));
}

}  // namespace kactor::state
