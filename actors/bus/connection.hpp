#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <caf/actor.hpp>
#include <caf/error.hpp>
#include <caf/expected.hpp>

#include "actors/bus/error.hpp"
#include "actors/bus/events.hpp"
#include "actors/bus/subscription.hpp"

// The one way kactor talks to NATS. Nothing outside actors/bus sees a NATS handle or status:
// failures are caf::error values (error.hpp), and everything asynchronous reaches actors as
// the messages of events.hpp.
namespace kactor::bus {

// How to connect. Plain values; the defaults suit a local nats-server.
struct connection_options {
  // Server URL, or a comma-separated list of URLs ("nats://127.0.0.1:4222").
  std::string url = "nats://127.0.0.1:4222";
  // Client name shown by the server's monitoring (connz); "" for none.
  std::string name;
  // Write every publish to the socket at once instead of through the library's flusher
  // thread (which adds up to ~1 ms per publish). Cuts a request/reply round trip through an
  // actor responder from ~2 ms to ~0.3 ms when both ends use it, but makes bulk publishing
  // ~3x slower (bench_bus_rpc): use one low-latency connection for RPC and a default one for
  // bulk events.
  bool low_latency = false;
  // When the server is not reachable at open(): true keeps trying in the background (open
  // succeeds, the owner gets down_atom now and up_atom later); false makes open fail.
  bool retry_initial_connect = true;
  // Reconnect attempts after a loss (and initial attempts when retrying); -1 = forever.
  int max_reconnects = -1;
  // Delay before reconnect attempt n: min(reconnect_wait * 2^(n-1), reconnect_wait_max)
  // plus a uniformly random jitter in [0, reconnect_jitter].
  std::chrono::milliseconds reconnect_wait{50};
  std::chrono::milliseconds reconnect_wait_max{2000};
  std::chrono::milliseconds reconnect_jitter{50};
  // Bytes of publishes buffered while disconnected; a publish beyond it fails (errc::io).
  int reconnect_buffer_bytes = 8 * 1024 * 1024;
  // Timeout of one TCP connect attempt.
  std::chrono::milliseconds connect_timeout{2000};
  // Client pings detect a dead server that sent no TCP reset: down after ~2 missed pings.
  std::chrono::milliseconds ping_interval{10000};
  // Default pending limits of every subscription (messages, bytes) received but not yet
  // handed to the target; beyond them the library drops messages and reports slow_atom.
  // -1 = unlimited (bursts are absorbed in memory; the actor mailbox is unbounded anyway).
  int pending_msgs_limit = -1;
  int pending_bytes_limit = -1;
};

// No error when open() accepts `opts`; otherwise errc::invalid_argument naming the first bad
// field ("nats: option reconnect_wait_max: must be at least reconnect_wait").
caf::error validate(const connection_options& opts);

// Per-subscription choices.
struct subscribe_options {
  // "" = every subscriber receives every message; otherwise each message goes to one member
  // of the group (load balancing among the subscribers using the same group name).
  std::string queue_group;
  // Overrides of connection_options' pending limits; 0 = use the connection's.
  int pending_msgs_limit = 0;
  int pending_bytes_limit = 0;
};

// Releases the NATS library's global threads and memory. Call once at process exit, after
// every connection and subscription is gone, never from a NATS library thread. Optional (the OS
// reclaims everything anyway) but keeps leak checkers quiet. Fails with errc::timeout when
// something still holds the library after `timeout` (0: wait as long as needed).
caf::error shutdown_library(std::chrono::milliseconds timeout = std::chrono::seconds(5));

class connection_core;

// One NATS connection. Thread-safe: every member may be called from any thread, so the actors
// of one process share it through the shared_ptr. Never call a member from a NATS library
// thread (none of our callbacks does). Destroying the last shared_ptr closes it.
class connection {
 public:
  // Connects to opts.url. On success the owner receives up_atom (right away, or later when
  // the server appears and retry_initial_connect is set; in that case down_atom comes first),
  // then down_atom/up_atom on every loss and reconnect, slow_atom/error_atom on asynchronous
  // errors, and closed_atom once at the end. Fails with errc::invalid_argument for bad options
  // (see validate) or an invalid owner, and errc::unavailable when no server is reachable and
  // retry_initial_connect is false.
  static caf::expected<std::shared_ptr<connection>> open(connection_options opts, caf::actor owner);

  // Closes (see close()).
  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  // True while connected to a server (false while connecting, reconnecting or closed).
  bool connected() const;

  // True once closed for good.
  bool closed() const;

  // The URL of the server currently connected to; "" when not connected.
  std::string connected_url() const;

  const connection_options& options() const;

  // Sends `data` on `subject` (no wildcards). Success means queued for sending (or buffered
  // while reconnecting), not delivered: core NATS is at-most-once. Fails with
  // invalid_argument (bad subject), too_large, closed, or io (reconnect buffer full).
  caf::error publish(std::string_view subject, std::string_view data);

  // Answers a request: publishes `data` on the `reply` subject of a received msg_atom.
  // Same failures as publish.
  caf::error respond(std::string_view reply, std::string_view data);

  // Waits until the server has processed everything published so far, or `timeout`.
  // Blocking: for tools and tests, not for actor handlers. Fails with timeout, unavailable
  // (not connected) or closed.
  caf::error flush(std::chrono::milliseconds timeout = std::chrono::seconds(5));

  // Subscribes `target` to `subject` (wildcards `*` and `>` allowed): every matching message
  // reaches it as (msg_atom, subject, reply, data). The subscription survives reconnects.
  // Fails with invalid_argument (bad subject or queue group) or closed.
  caf::expected<subscription> subscribe(std::string_view subject, caf::actor target,
                                        subscribe_options opts = {});

  // Sends a request and returns at once with its correlation id (> 0, unique per
  // connection). Exactly one outcome reaches `requester` later: (reply_atom, id, data) for the
  // first reply, or (reply_atom, id, caf::error) with errc::timeout after `timeout`,
  // errc::no_responders when nobody subscribes to `subject`, errc::unavailable when the
  // connection is lost before the reply (a request made while disconnected is sent after the
  // reconnect and keeps its deadline), errc::closed when the connection closes first. Replies
  // share one wildcard inbox subscription per connection, created by the first request.
  // Fails immediately (and sends nothing) like publish, or with invalid_argument for a
  // non-positive timeout or an invalid requester.
  caf::expected<uint64_t> request(std::string_view subject, std::string_view data,
                                  std::chrono::milliseconds timeout, caf::actor requester);

  // Forgets a pending request: nothing is sent for `id` afterwards (unless it is already in
  // flight). Returns false when the id is not pending (answered, expired or unknown).
  bool cancel(uint64_t id);

  // Sends a request and blocks for the reply. For command-line tools and tests only: never
  // call it from an actor's handler (it would block a scheduler thread). Fails with timeout,
  // no_responders, closed or the failures of publish.
  caf::expected<std::string> request_blocking(std::string_view subject, std::string_view data,
                                              std::chrono::milliseconds timeout);

  // Closes the connection now: subscriptions stop delivering, pending requests fail with
  // errc::closed, later calls fail with errc::closed, and the owner receives closed_atom.
  // Flushes what was published before (up to 500 ms). Blocks until the library's callbacks
  // for this connection have finished. Idempotent.
  void close();

  // Used by open only.
  explicit connection(std::shared_ptr<connection_core> core);

 private:
  std::shared_ptr<connection_core> core_;
};

}  // namespace kactor::bus
