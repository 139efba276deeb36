#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/message.h>
#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/expected.hpp>

#include "actors/bus/connection.hpp"
#include "actors/informer/snapshot.hpp"
#include "gateway/watchcache/freshness.hpp"
#include "gateway/watchcache/watch_request.hpp"

namespace spdlog {
class logger;
}

// The gateway's watch cache (one per gateway process): one informer per stored resource keeps
// an in-memory copy in step with the state role, from which the REST layer serves LIST and GET
// (snapshot()), read-your-writes (when_fresh()) and WATCH streams (start_watch()).
// docs/watchcache.md describes the design, the watch semantics and the limits.
namespace kactor::watchcache {

struct watch_cache_options {
  // NATS server URL(s) of the cluster's bus. Default "nats://127.0.0.1:4222".
  std::string nats_url = "nats://127.0.0.1:4222";
  // Client name prefix shown by the server's monitoring ("-events", "-rpc" appended).
  std::string client_name = "kactor-gateway";
  // Null: spdlog's default logger.
  std::shared_ptr<spdlog::logger> log;
  // Interval of BOOKMARK events on watches that asked for them. Default 60 s (kube-apiserver
  // sends one about every minute).
  std::chrono::milliseconds bookmark_interval{60000};
  // Deadline of each list / watch-from request to the state role. Default 5 s.
  std::chrono::milliseconds request_timeout{5000};
  // Items per list page and events per watch-from page. Default 500.
  std::uint32_t page_size = 500;
  // How when_fresh notices progress (poll while waiting, nudge the informer after a while).
  freshness_options freshness;
};

class watch_cache {
 public:
  // Opens two bus connections (a default one for the event streams, a low-latency one for the
  // state RPCs) owned by a hub actor that forwards their up/down/slow events, and starts one
  // informer per stored resource of messages::registry::generated() (each plural once, in its
  // storage group; events.k8s.io/events is core events). Returns at once: informers list in
  // the background (synced() tells when all have). An unreachable server is not an error (the
  // connections keep trying). Fails with caf::sec::invalid_argument for bad options (a bad
  // URL, page_size 0) or when an informer cannot be spawned.
  static caf::expected<std::shared_ptr<watch_cache>> start(caf::actor_system& sys,
                                                           watch_cache_options options);

  // Stops everything (stop()).
  ~watch_cache();
  watch_cache(const watch_cache&) = delete;
  watch_cache& operator=(const watch_cache&) = delete;

  // Ends the informers (running watches end with end()), the helper actors, and closes the
  // connections. Idempotent; blocks briefly (the connections flush). Not from a NATS thread.
  void stop();

  // --- reads: thread-safe, never block ---

  // The latest snapshot of a stored resource (group "" = core, plural resource); null for a
  // resource this cache does not hold (unknown, or not the plural's storage group). Before the
  // informer's first list it is empty and unsynced.
  informer::snapshot_ptr snapshot(std::string_view group, std::string_view resource) const;

  // snapshot(group, resource)->revision(), 0 for an unknown resource: every change of the
  // resource up to it is in the snapshot. A LIST's metadata.resourceVersion.
  std::uint64_t current_revision(std::string_view group, std::string_view resource) const;

  // The highest store revision any informer has reached (changes and bookmarks): no change
  // beyond it has been seen by this cache.
  std::uint64_t known_revision() const;

  // True once every informer has completed its first list.
  bool synced() const;

  // The stored resources, as (group, resource), in registry order.
  std::vector<std::pair<std::string, std::string>> resources() const;

  // Calls done(true) as soon as the resource's snapshot revision is >= `revision` (at once,
  // on the calling thread, when it already is), done(false) once `deadline` has passed, when
  // the cache stops meanwhile, or for an unknown resource or a stopped cache (at once). Otherwise
  // done runs on an actor thread and must not block. When the resource itself does not change up to
  // `revision` (a revision of another resource, a consistent read), its informer is made to catch
  // up after freshness.resync_after, which takes one watch-from read.
  void when_fresh(std::string_view group, std::string_view resource, std::uint64_t revision,
                  std::chrono::milliseconds deadline, std::function<void(bool fresh)> done);

  // Opens a watch stream: see watch_request for the semantics and watch_sink for the calls it
  // gets. Fails (nothing is written) with 404 NotFound for a resource this cache does not
  // hold, 400 BadRequest for a field selector the kind does not support, 500 for a sink
  // without all four functions.
  watch_result start_watch(watch_request request, watch_sink sink);

  // The informer of a resource (tests, metrics); invalid when unknown.
  caf::actor informer_of(std::string_view group, std::string_view resource) const;

 private:
  struct entry {
    std::string group;
    std::string resource;
    const google::protobuf::Message* prototype = nullptr;
    std::shared_ptr<informer::cache> cache;
    caf::actor informer;
  };

  watch_cache(caf::actor_system& sys, watch_cache_options options);
  caf::error start_all();
  const entry* find(std::string_view group, std::string_view resource) const;
  std::size_t index_of(const entry& e) const { return static_cast<std::size_t>(&e - &entries_[0]); }

  caf::actor_system& sys_;
  watch_cache_options options_;
  std::shared_ptr<spdlog::logger> log_;
  caf::actor hub_;
  caf::actor fresh_;
  std::shared_ptr<fresh_gauge> gauge_ = std::make_shared<fresh_gauge>();
  std::shared_ptr<bus::connection> events_;
  std::shared_ptr<bus::connection> rpc_;
  std::vector<entry> entries_;                               // fixed after start
  std::map<std::string, std::size_t, std::less<>> by_name_;  // "group/resource" -> index
  std::atomic<bool> stopped_{false};
};

}  // namespace kactor::watchcache
