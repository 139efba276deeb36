#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>

#include "actors/bus/connection.hpp"

namespace kactor::bus {

// The reply bytes of a request, or its failure (connection::request's errors).
using request_callback = std::function<void(caf::expected<std::string>)>;

// Request/reply from code that is not an actor (HTTP handlers, library calls made by actors
// that want a callback): spawns a tiny actor that sends `data` on `subject` and runs `done`
// once with the outcome, on a CAF scheduler thread (CPU work is fine there, blocking is not).
// Nothing waits for the bus meanwhile.
void request_async(caf::actor_system& sys, std::shared_ptr<connection> conn, std::string subject,
                   std::string data, std::chrono::milliseconds timeout, request_callback done);

}  // namespace kactor::bus
