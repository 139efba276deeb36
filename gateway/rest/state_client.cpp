#include "gateway/rest/state_client.hpp"

#include "actors/bus/async_request.hpp"

namespace kactor::rest {

state_client::state_client(caf::actor_system& sys, std::shared_ptr<bus::connection> rpc,
                           std::chrono::milliseconds timeout)
    : sys_(sys), rpc_(std::move(rpc)), timeout_(timeout) {}

void state_client::call(bus::subjects::state_verb verb, std::string request,
                        raw_callback done) const {
  bus::request_async(sys_, rpc_, bus::subjects::state(verb), std::move(request), timeout_,
                     std::move(done));
}

}  // namespace kactor::rest
