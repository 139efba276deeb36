#pragma once

#include <caf/atom.hpp>

// The messages the bus wrapper sends to actors. They use atoms and standard types only
// (std::string, uint64_t, caf::error), so no CAF type-ID block or announcement is needed.
// Every message is sent with caf::anon_send from a NATS library thread: a handler must not
// assume anything about the sender (it is always null).
namespace kactor::bus {

// --- connection events, sent to the owner actor given to connection::open ---

// (up_atom, std::string url): the connection is up: after the first connect (also when it
// happened in the background because the server was not up yet) and after every reconnect.
// `url` is the server URL connected to ("nats://127.0.0.1:4222").
using up_atom = caf::atom_constant<caf::atom("bus_up")>;

// (down_atom, std::string reason): the connection is not usable now; the library keeps
// reconnecting in the background and sends up_atom when it succeeds. Also sent once by
// connection::open when the server is not reachable yet, and by close() of a connected
// connection (just before closed_atom). Publishes made while down are
// buffered (connection_options::reconnect_buffer_bytes) and sent after the reconnect;
// messages published by others meanwhile are lost for this client (core NATS is at-most-once).
using down_atom = caf::atom_constant<caf::atom("bus_down")>;

// (closed_atom): the connection is closed for good (connection::close, destruction, or
// reconnect attempts exhausted when max_reconnects >= 0). The last event of a connection.
using closed_atom = caf::atom_constant<caf::atom("bus_closed")>;

// (slow_atom, std::string subject): a subscription on `subject` exceeded its pending limits
// and the library dropped messages for it. Subscribers must treat it as a gap (catch up).
// Sent to the owner and to the subscription's target. `subject` is "" when the subscription
// is already gone or internal (the one request_blocking uses).
using slow_atom = caf::atom_constant<caf::atom("bus_slow")>;

// (error_atom, std::string message): any other asynchronous error reported by the server or
// the library (permissions violation, protocol error ...). Informational: the connection
// state is reported by up/down/closed.
using error_atom = caf::atom_constant<caf::atom("bus_error")>;

// --- deliveries ---

// (msg_atom, std::string subject, std::string reply, std::string data): a message received by
// a subscription, sent to the subscription's target actor. `reply` is empty when the sender
// expects no reply; otherwise answer with connection::respond(reply, bytes).
using msg_atom = caf::atom_constant<caf::atom("bus_msg")>;

// The outcome of connection::request, sent to the requesting actor exactly once per id:
//   (reply_atom, uint64_t id, std::string data)  the reply payload, or
//   (reply_atom, uint64_t id, caf::error err)    errc::timeout, errc::no_responders,
//                                                errc::unavailable (connection lost first)
//                                                or errc::closed (see error.hpp).
using reply_atom = caf::atom_constant<caf::atom("bus_reply")>;

}  // namespace kactor::bus
