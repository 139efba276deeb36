#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <caf/error.hpp>

// Errors of the bus wrapper. Every failure of a bus call is a caf::error with category
// `bus` (error_category), one of the codes below, and a human-readable message as its
// context ("nats: connect to nats://127.0.0.1:4222: No server available for connection").
// Compare with `err == kactor::bus::errc::timeout`; print with describe(err).
namespace kactor::bus {

// The CAF error category of this module.
constexpr caf::atom_value error_category = caf::atom("bus");

// What went wrong, chosen by what the caller should do.
enum class errc : uint8_t {
  unavailable = 1,   // no server reachable now: retry later (the connection keeps trying)
  timeout,           // no reply before the deadline: retry, or report a timeout
  no_responders,     // nobody listens on the request subject: the service is not running
  closed,            // the connection is closed for good: open a new one
  invalid_argument,  // bad subject, URL or option: a bug or bad input, do not retry
  too_large,         // payload above the server's max_payload: do not retry
  io,                // any other failure reported by the NATS library
};

// The name of a code ("timeout").
std::string to_string(errc code);

// An error with `code` and no message; used by comparisons (`err == errc::closed`).
caf::error make_error(errc code);

// An error with `code` and `message` as its context.
caf::error make_error(errc code, std::string message);

// The code of `err` if it is a bus error, nullopt otherwise (also for no error).
std::optional<errc> code_of(const caf::error& err);

// The message of a bus error; CAF's rendering for any other error; "" for no error.
std::string describe(const caf::error& err);

}  // namespace kactor::bus
