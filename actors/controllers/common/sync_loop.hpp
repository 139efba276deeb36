#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include "actors/apiclient/api_client.hpp"
#include "actors/controllers/common/work_queue.hpp"

namespace spdlog {
class logger;
}

// The worker side of a controller actor: keys from its work queue are synced by a sync
// function, at most `workers` keys at a time. A sync is asynchronous: it issues API calls
// through its sync_context and chains continuations on their replies; the key stays
// "processing" (the queue does not hand it out again) until its last call has replied. Then
// the key is done: requeued with back-off when the sync failed, its back-off reset otherwise,
// and requeued after a delay when the sync asked for it.
//
// The owning actor forwards two messages to it:
//   (apiclient::api_reply_atom, uint64_t tag, api_reply)  -> on_reply
//   (loop_tick_atom)                                      -> on_tick
// Every method runs on the owning actor's thread.
namespace kactor::controllers {

using loop_tick_atom = caf::atom_constant<caf::atom("ctl_tick")>;

class sync_loop;

// The handle a sync function gets for one key's sync.
class sync_context {
 public:
  sync_context(sync_loop* loop, std::string key) : loop_(loop), key_(std::move(key)) {}

  const std::string& key() const { return key_; }

  // Starts an API call: `start` gets the callback to pass to the api_client; `then` runs on
  // the actor's thread with the reply and may issue more calls.
  void call(const std::function<void(apiclient::api_client::callback)>& start,
            std::function<void(apiclient::api_reply&)> then);
  // The sync failed (a write failed, a conflict): the key is retried with back-off.
  void fail(const std::string& why);
  // Sync the key again after `delay` (a pod becomes available, a deadline passes).
  void requeue_after(steady::duration delay);

 private:
  sync_loop* loop_;
  std::string key_;
};

class sync_loop {
 public:
  using sync_fn = std::function<void(sync_context&)>;

  // `name` prefixes log lines ("replicaset"). `workers` >= 1.
  sync_loop(caf::event_based_actor* self, std::string name, int workers, sync_fn sync,
            std::shared_ptr<spdlog::logger> log);

  // Queues a key (deduplicated) and starts syncs if workers are free.
  void enqueue(const std::string& key);
  void enqueue_after(const std::string& key, steady::duration delay);

  void on_reply(std::uint64_t tag, apiclient::api_reply& reply);
  void on_tick();

  const work_queue& queue() const { return queue_; }
  // Keys synced to the end, and of them the failed ones (for tests and logs).
  std::uint64_t syncs() const { return syncs_; }
  std::uint64_t failures() const { return failures_; }

 private:
  friend class sync_context;

  struct running {
    int pending = 0;
    std::string failure;  // "" = no failure
    std::optional<steady::duration> requeue_after;
  };

  void pump();
  void finish_if_idle(const std::string& key);
  void schedule_tick();

  caf::event_based_actor* self_;
  std::string name_;
  int workers_;
  sync_fn sync_;
  std::shared_ptr<spdlog::logger> log_;
  work_queue queue_;
  std::map<std::string, running> running_;
  std::map<std::uint64_t, std::pair<std::string, std::function<void(apiclient::api_reply&)>>>
      calls_;
  std::uint64_t next_tag_ = 1;
  std::optional<steady::time_point> tick_at_;
  std::uint64_t syncs_ = 0;
  std::uint64_t failures_ = 0;
};

}  // namespace kactor::controllers
