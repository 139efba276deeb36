#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nats/nats.h>
#include <caf/actor.hpp>
#include <caf/error.hpp>
#include <caf/expected.hpp>

#include "actors/bus/connection.hpp"
#include "actors/bus/request_table.hpp"
#include "actors/bus/subscription.hpp"

// Internal to actors/bus: the natsConnection, its callbacks and the request inbox, shared by
// the connection handle and its subscriptions (a subscription keeps the core alive, so the
// natsConnection is destroyed only after the last natsSubscription).
namespace kactor::bus {

class connection_core {
 public:
  // Builds the NATS options from `opts` and connects; see connection::open.
  static caf::expected<std::shared_ptr<connection_core>> open(connection_options opts,
                                                              caf::actor owner);

  // Use open(). Public for std::make_shared only.
  connection_core(connection_options opts, caf::actor owner);
  // Closes, then destroys the NATS handles.
  ~connection_core();
  connection_core(const connection_core&) = delete;
  connection_core& operator=(const connection_core&) = delete;

  const connection_options& options() const { return opts_; }
  // The raw handle, for subscription.cpp only. Valid for the core's lifetime.
  natsConnection* handle() const { return nc_; }

  bool connected() const;
  bool closed() const;
  std::string connected_url() const;
  caf::error publish(std::string_view subject, std::string_view reply, std::string_view data);
  caf::error flush(std::chrono::milliseconds timeout);
  caf::expected<uint64_t> request(std::string_view subject, std::string_view data,
                                  std::chrono::milliseconds timeout, caf::actor requester);
  bool cancel(uint64_t id);
  caf::expected<std::string> request_blocking(std::string_view subject, std::string_view data,
                                              std::chrono::milliseconds timeout);
  // Closes the connection and waits until the library's closed callback and the inbox's last
  // delivery have run. Idempotent; never call it from a NATS library thread.
  void close();

  // Slow-consumer reports for `sub` name `subject` and also go to `target` (registered by
  // subscriptions while they are live).
  void watch_slow(natsSubscription* sub, std::string subject, caf::actor target);
  void unwatch_slow(natsSubscription* sub);

  // Destroys a closed natsSubscription once the library's reader thread cannot be using it any
  // more: nats.c 3.4 looks a subscription up for an inbound message without retaining it
  // (nats.c issue #637), so destroying it right after unsubscribing can free it under the
  // reader. A flush round trip (the reader has processed everything before the PONG) proves
  // it is safe; without one (not connected) it waits for the next retire or the core's end.
  void retire(natsSubscription* sub);

  // Keeps a subscription whose completion callback could not be set (the connection closed
  // while subscribing; see make_subscription) until the core is destroyed, because a delivery
  // might still be running with it.
  void adopt_orphan(std::unique_ptr<subscription::impl> orphan);

 private:
  caf::error connect();
  caf::error ensure_inbox();
  void send_up(natsConnection* nc);
  void reap_retired();

  static void on_connected(natsConnection* nc, void* self);
  static void on_disconnected(natsConnection* nc, void* self);
  static void on_closed(natsConnection* nc, void* self);
  static void on_error(natsConnection* nc, natsSubscription* sub, natsStatus err, void* self);
  static int64_t reconnect_delay(natsConnection* nc, int attempts, void* self);
  static void on_reply(natsConnection* nc, natsSubscription* sub, natsMsg* msg, void* self);
  static void on_inbox_complete(void* self);

  const connection_options opts_;
  const caf::actor owner_;
  natsOptions* nats_opts_ = nullptr;
  natsConnection* nc_ = nullptr;

  mutable std::mutex mtx_;  // guards the fields below
  std::condition_variable cv_;
  bool close_requested_ = false;
  bool closed_cb_ran_ = false;
  std::string inbox_;  // "_INBOX.<nuid>"; replies arrive on "<inbox_>.<id>"
  natsSubscription* inbox_sub_ = nullptr;
  bool inbox_done_ = false;
  std::unordered_map<natsSubscription*, std::pair<std::string, caf::actor>> slow_targets_;
  std::vector<natsSubscription*> retired_;
  std::vector<std::unique_ptr<subscription::impl>> orphans_;

  detail::request_table requests_;
};

}  // namespace kactor::bus
