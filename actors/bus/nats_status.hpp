#pragma once

#include <string>
#include <string_view>

#include <nats/nats.h>
#include <caf/error.hpp>

#include "actors/bus/error.hpp"

// Internal to actors/bus: the one place where a natsStatus becomes a caf::error, and small
// helpers for reading NATS messages.
namespace kactor::bus::detail {

// The error code a NATS status maps to (NATS_OK maps to errc::io: callers check first).
errc code_for(natsStatus status);

// No error for NATS_OK; otherwise an error with code_for(status) and the message
// "nats: <what>: <status text>" plus the library's more precise last error of this thread
// when it has one ("nats: connect to nats://127.0.0.1:1: No server available for connection").
caf::error from_status(natsStatus status, std::string_view what);

// A copy of `msg`'s payload ("" for an empty one).
std::string payload_of(natsMsg* msg);

}  // namespace kactor::bus::detail
