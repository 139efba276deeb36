#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>

#include "actors/bus/connection.hpp"
#include "actors/bus/subjects.hpp"
#include "kactor/bus.pb.h"

// The REST layer's way to the state actor: asynchronous request/reply over the bus from code
// that is not an actor (HTTP handlers). Each call spawns a tiny actor that sends the request
// and runs the callback with the outcome, so no I/O thread ever waits for the bus.
namespace kactor::rest {

namespace bv1 = kactor::bus::v1;

class state_client {
 public:
  // The raw reply bytes, or the transport failure (timeout, no_responders, closed).
  using raw_callback = std::function<void(caf::expected<std::string>)>;

  state_client(caf::actor_system& sys, std::shared_ptr<bus::connection> rpc,
               std::chrono::milliseconds timeout);

  // Sends `request` (serialized bus.proto message) to kactor.v1.state.<verb>. `done` runs on
  // a CAF scheduler thread: it may do CPU work but must not block.
  void call(bus::subjects::state_verb verb, std::string request, raw_callback done) const;

  // Typed forms: `done` gets the parsed reply (its `error` still to be checked), or a transport
  // failure; a reply that does not parse is reported as caf::sec::unexpected_response.
  template <class Reply, class Request>
  void call_typed(bus::subjects::state_verb verb, const Request& request,
                  std::function<void(caf::expected<Reply>)> done) const {
    call(verb, request.SerializeAsString(),
         [done = std::move(done)](caf::expected<std::string> raw) {
           if (!raw) return done(raw.error());
           Reply reply;
           if (!reply.ParseFromString(*raw))
             return done(caf::make_error(caf::sec::unexpected_response, "malformed state reply"));
           done(std::move(reply));
         });
  }

  const std::shared_ptr<bus::connection>& connection() const { return rpc_; }

 private:
  caf::actor_system& sys_;
  std::shared_ptr<bus::connection> rpc_;
  std::chrono::milliseconds timeout_;
};

}  // namespace kactor::rest
