#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include <google/protobuf/message.h>
#include <caf/event_based_actor.hpp>

#include "actors/bus/connection.hpp"
#include "actors/informer/informer.hpp"
#include "gateway/watchcache/watch_filter.hpp"
#include "gateway/watchcache/watch_request.hpp"
#include "kactor/bus.pb.h"

namespace spdlog {
class logger;
}

// One watch stream (private to gateway/watchcache; watch_cache::start_watch spawns it). It
// listens to its resource's informer and writes the events its filter lets through, in
// revision order, to its sink.
//
// Phases: starting -> (catching_up ->) live.
//  - starting: it has sent (listen_atom, self) and then wait_synced to the informer. The
//    informer answers after the `added` replay of its cache (and after the first list, when not
//    synced yet), so the reply's revision R separates the replay from what follows.
//    Without a resourceVersion every notification is sent as it comes (the replay is the
//    initial ADDED set). With resourceVersion N everything before the reply is dropped:
//  - N >= R: live, sending only changes with revision > N;
//  - N < R: catching_up: the changes (N, S] are read from the state actor's change log
//    (watch-from, paged; S = the store revision of the last page) and sent; live notifications
//    wait meanwhile and are sent afterwards when their revision is > S (so every revision once,
//    none missed: the informer is at R <= S and reports everything after R).
//    COMPACTED ends the watch with ERROR 410 Expired.
// It ends when the sink's write fails, at the timeout, when the informer ends (end()), or on
// watch_handle::cancel (an exit message).
namespace kactor::watchcache {

// What a watch needs from its cache, fixed at spawn.
struct watch_context {
  caf::actor informer;
  std::shared_ptr<informer::cache> cache;
  const google::protobuf::Message* prototype = nullptr;  // the resource's kind
  std::shared_ptr<bus::connection> rpc;                  // for watch-from
  std::chrono::milliseconds bookmark_interval{60000};
  std::chrono::milliseconds request_timeout{5000};
  std::uint32_t page_size = 500;
  int max_request_failures = 3;  // failed watch-from requests before giving up (ERROR 500)
  std::shared_ptr<spdlog::logger> log;
};

using bookmark_atom = caf::atom_constant<caf::atom("wc_bmark")>;
using timeout_atom = caf::atom_constant<caf::atom("wc_timeout")>;
using retry_atom = caf::atom_constant<caf::atom("wc_retry")>;

class watch_actor final : public caf::event_based_actor {
 public:
  watch_actor(caf::actor_config& cfg, watch_request request, watch_filter filter, watch_sink sink,
              watch_context context);

  caf::behavior make_behavior() override;
  const char* name() const override { return "watch"; }
  void on_exit() override;

 private:
  enum class phase { starting, catching_up, live };

  void on_synced(std::uint64_t revision);
  void on_notification(const informer::notification& n);
  void request_changes();
  void on_changes(const std::string& data);
  void on_request_failed(const std::string& why);
  void finish_catch_up(std::uint64_t through);
  // Sends one change through the filter; false when the watch stopped.
  bool send_change(informer::change_type type, const informer::object_ptr& current,
                   const informer::object_ptr& previous, std::uint64_t revision);
  bool write(std::string_view type, const google::protobuf::Message& object);
  void send_bookmark(std::uint64_t revision);
  void schedule_bookmark();
  // Ends the stream from the server's side: an ERROR event with `status_json`, or end().
  void finish(std::string status_json = {});

  watch_request request_;
  watch_filter filter_;
  watch_sink sink_;
  watch_context context_;
  phase phase_ = phase::starting;
  bool stopped_ = false;
  // Every change with revision <= covered_ has been sent (or was before the client's N).
  std::uint64_t covered_ = 0;
  std::uint64_t after_ = 0;                     // the next watch-from after_revision
  std::uint64_t request_id_ = 0;                // watch-from in flight
  int failures_ = 0;                            // consecutive failed watch-from requests
  std::deque<informer::notification> waiting_;  // live notifications during a catch-up
};

}  // namespace kactor::watchcache
