#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <google/protobuf/message.h>
#include <caf/event_based_actor.hpp>
#include <caf/response_promise.hpp>

#include "actors/bus/subscription.hpp"
#include "actors/informer/informer.hpp"
#include "actors/informer/stream_position.hpp"
#include "kactor/bus.pb.h"

// The informer actor behind spawn_informer (informer.hpp documents its protocol). Private to
// actors/informer: informer_actor.cpp holds the message handling and the cache changes,
// informer_sync.cpp the list, relist and catch-up requests.
//
// Phases: listing (first list) -> watching <-> catching_up / relisting. Outside `watching`,
// live events wait in `pending_`; one request to the state actor is in flight at most.
namespace kactor::informer {

namespace bus_v1 = kactor::bus::v1;

class informer_actor final : public caf::event_based_actor {
 public:
  informer_actor(caf::actor_config& cfg, informer_options options, informer_deps deps,
                 const google::protobuf::Message* prototype);

  caf::behavior make_behavior() override;
  const char* name() const override { return "informer"; }

 private:
  enum class phase { listing, relisting, catching_up, watching };

  // Subscribes, registers the configured listeners and starts the first list (or a catch-up
  // from the cache's last snapshot). False (the actor quits) when the subscription fails.
  bool start();

  // A live event waiting for the end of a list or catch-up. `covered`: it arrived before that
  // operation's first request, so the read includes it and it can never be a gap afterwards.
  struct pending_event {
    bus_v1::WatchEvent event;
    bool covered = false;
  };

  // --- live events (informer_actor.cpp) ---
  void on_delivery(const std::string& data);
  // Applies, drops or buffers one live event or bookmark; may start a catch-up.
  void process_live(pending_event p);
  // Processes buffered events while watching.
  void drain();
  void buffer(bus_v1::WatchEvent e);

  // --- cache (informer_actor.cpp) ---
  // The event's object, decoded as the informer's type.
  messages::result<object_ptr> decode(const bus_v1::WatchEvent& e) const;
  // Applies one change (live or replayed), whose object `decoded` is, to the cache and
  // notifies.
  void apply_change(const bus_v1::WatchEvent& e, const messages::result<object_ptr>& decoded);
  bool in_scope(const std::string& ns) const;
  bool passes(const cached_object& obj) const;
  void emit(change_type type, std::uint64_t revision, object_ptr object, object_ptr old);
  // Queues a notification for flush().
  void notify(notification n);
  // When something changed since the last call: publishes a snapshot, then delivers the queued
  // notifications (callback and listeners) and answers sync waiters. Ends every handler.
  void flush();
  void add_listener(caf::actor listener, bool replay);
  informer_stats stats() const;

  // --- synchronisation with the state actor (informer_sync.cpp) ---
  void start_list(bool relist);
  void start_catch_up(const char* reason);
  // Sends the current operation's next request.
  void send_request();
  void on_reply(std::uint64_t id, const std::string& data);
  void on_request_failed(std::uint64_t id, const caf::error& err);
  void on_list_page(bus_v1::ListReply& reply);
  void on_watch_page(bus_v1::WatchFromReply& reply);
  // Ends the current operation: back to watching, then a pending catch-up or the buffer.
  void finish_operation();
  void retry_later(const std::string& why);
  void on_retry(std::uint64_t generation);
  // A reconnect, slow consumer or explicit resync: catch up now or after the running operation.
  void request_resync(const char* reason);

  informer_options options_;
  informer_deps deps_;
  const google::protobuf::Message* prototype_;  // the resource's message type
  std::shared_ptr<spdlog::logger> log_;
  bus::subscription subscription_;
  std::vector<caf::actor> listeners_;
  std::vector<caf::response_promise> sync_waiters_;

  phase phase_ = phase::listing;
  bool synced_ = false;
  object_map objects_;
  stream_position position_;
  std::deque<pending_event> pending_;
  bool resync_wanted_ = false;  // a trigger arrived during an operation: catch up after it
  bool changed_ = false;        // since the last published snapshot

  // The running operation. At most one request is in flight (request_id_ != 0); a failed one
  // is retried after backoff_ by a (retry, generation) message matching retry_generation_.
  std::uint64_t request_id_ = 0;
  std::uint64_t retry_generation_ = 0;
  std::chrono::milliseconds backoff_{0};
  std::uint64_t catch_up_after_ = 0;  // next watch-from after_revision
  std::string list_continue_;         // next list page; "" = first page
  object_map list_objects_;           // what the running list collected so far

  std::vector<notification> outbox_;
  informer_stats counters_;
};

// Internal: (retry_atom, generation) retries the running operation's request.
using retry_atom = caf::atom_constant<caf::atom("inf_retry")>;

}  // namespace kactor::informer
