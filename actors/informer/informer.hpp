#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/expected.hpp>

#include "actors/bus/connection.hpp"
#include "actors/informer/notification.hpp"
#include "actors/informer/snapshot.hpp"

namespace spdlog {
class logger;
}

// An informer keeps an in-memory copy of one resource (optionally one namespace) in step with
// the state actor: it lists (paged, at one revision), then applies the resource's event stream,
// and never silently misses an event: a sequence gap, a reconnect, a slow-consumer drop, a
// bookmark ahead of it or a new publisher epoch make it read the change log (watch-from) from
// what it applied; a compacted change log makes it relist and report only the differences.
// docs/informer.md explains the rules with a worked example.
//
// Readers use the `cache` (snapshot.hpp): lock-free immutable snapshots. Listeners get one
// message per change; per style.md they only enqueue the key and reconcile from the cache.
//
// Protocol of the informer actor (all messages local to the process):
//   (listen_atom, caf::actor l)    adds a listener: l receives (event_atom, notification) for
//                                  every later change, preceded (when already synced) by an
//                                  `added` for every cached object. Monitored: removed when l
//                                  ends. Listeners added this way are not kept across a restart
//                                  of the informer (informer_options::listeners are).
//   (listen_atom, caf::actor l, bool replay)
//                                  the same; replay=false skips the `added` of every cached
//                                  object (a watch resuming from a revision does not need them).
//   (unlisten_atom, caf::actor l)  removes it.
//   (wait_synced_atom) -> (synced_atom, uint64_t revision)
//                                  answered once the first list is applied (at once if it is).
//   (stats_atom) -> informer_stats counters and position, for tests, logs and metrics.
//   (resync_atom)                  catch up now (as after a reconnect): for operators and tests.
// It also takes the bus messages of actors/bus/events.hpp: its subscription's deliveries
// (msg_atom), replies (reply_atom), and the connection events up_atom, down_atom and slow_atom,
// which the connection's owner must forward to it (the owner receives them from the bus).
namespace kactor::informer {

// To listeners: (event_atom, notification).
using event_atom = caf::atom_constant<caf::atom("inf_event")>;
using listen_atom = caf::atom_constant<caf::atom("inf_listen")>;
using unlisten_atom = caf::atom_constant<caf::atom("inf_unlist")>;
using wait_synced_atom = caf::atom_constant<caf::atom("inf_wsync")>;
using synced_atom = caf::atom_constant<caf::atom("inf_synced")>;
using stats_atom = caf::atom_constant<caf::atom("inf_stats")>;
using resync_atom = caf::atom_constant<caf::atom("inf_resync")>;

// What to watch and how. Plain values; only group and resource are required.
struct informer_options {
  // The API group ("" = core) and plural resource ("pods").
  std::string group;
  std::string resource;
  // One namespace only; "" = every namespace (and cluster-scoped resources). Default "".
  std::string ns;
  // The message type of the resource's objects; null (the default) = the registry's type for
  // (group, resource), the newest served version.
  const google::protobuf::Descriptor* type = nullptr;
  // The event stream to subscribe to: "" (the default) = the resource's stream
  // (bus::subjects::event_stream). A narrower stream with its own sequence, such as one node's
  // pods (bus::subjects::node_pod_stream), cuts the traffic to what `filter` keeps; `filter`
  // must then keep exactly what that stream carries, because lists and catch-up reads cover
  // the whole resource.
  std::string stream_subject;
  // Optional local filter: objects for which it returns false are kept out of the cache, and a
  // change that makes a cached object fail it is reported as deleted (like a label-selector
  // watch). Runs on the informer's thread: cheap and non-blocking. Default: none.
  std::function<bool(const cached_object&)> filter;
  // Listeners from the start (kept across informer restarts): they see the initial list as
  // `added` notifications. Default: none.
  std::vector<caf::actor> listeners;
  // Optional callback per change, run on the informer's thread before the listener messages:
  // must only enqueue (a key into a work queue), never block or read the bus. Default: none.
  std::function<void(const notification&)> on_change;
  // Keep only what controllers read: the decoded object without metadata.managedFields, and
  // not the stored bytes (client-go's TransformStripManagedFields). Halves the memory of a
  // large cache. The gateway's caches, which serve whole objects, keep both. Default false.
  bool lean = false;
  // Items per list page and events per watch-from page. Default 500.
  std::uint32_t page_size = 500;
  // Deadline of each request to the state actor. Default 5 s.
  std::chrono::milliseconds request_timeout{5000};
  // Retry delays after a failed request: min, doubling up to max; reset by a success.
  // Defaults 100 ms and 5 s. A bus_up retries at once.
  std::chrono::milliseconds retry_min{100};
  std::chrono::milliseconds retry_max{5000};
  // Live events kept while a list or catch-up runs; beyond it they are dropped and one more
  // catch-up follows (they are in the change log). Default 100000.
  std::size_t max_buffered_events = 100000;
  // Pending limits of the stream subscription (bus::subscribe_options); 0 = the connection's.
  // Beyond them the bus drops messages and reports slow_atom, which makes the informer catch up.
  int pending_msgs_limit = 0;
  int pending_bytes_limit = 0;
};

// The informer's collaborators, given at spawn.
struct informer_deps {
  // Subscribes the resource's event stream (a default, bulk-friendly connection is right).
  std::shared_ptr<bus::connection> events;
  // Sends list and watch-from requests to the state actor (the low-latency one); may be the
  // same connection as `events`.
  std::shared_ptr<bus::connection> rpc;
  // Where snapshots are published; keep it across restarts of the informer.
  std::shared_ptr<informer::cache> cache;
  // Null: spdlog's default logger.
  std::shared_ptr<spdlog::logger> log;
};

// Counters and position of one informer (stats_atom).
struct informer_stats {
  bool synced = false;
  std::uint64_t revision = 0;       // applied revision (snapshot::revision)
  std::uint64_t epoch = 0;          // publisher epoch of the last event or bookmark seen
  std::uint64_t last_sequence = 0;  // anchor: every event up to it is applied (when anchored)
  bool anchored = false;
  std::size_t objects = 0;
  std::size_t listeners = 0;
  std::size_t buffered = 0;            // live events waiting for the running list or catch-up
  std::uint64_t lists = 0;             // completed lists, the first one and relists
  std::uint64_t relists = 0;           // completed relists (compacted change log)
  std::uint64_t catch_ups = 0;         // completed catch-up reads
  std::uint64_t gaps = 0;              // live events or bookmarks that required a catch-up
  std::uint64_t reconnects = 0;        // bus_up reports (each one makes it catch up)
  std::uint64_t slow_consumers = 0;    // slow_atom reports
  std::uint64_t live_applied = 0;      // live events applied
  std::uint64_t replayed_applied = 0;  // changes applied from catch-up reads
  std::uint64_t duplicates = 0;        // live events dropped as already applied
  std::uint64_t bookmarks = 0;
  std::uint64_t notifications = 0;     // changes reported (each reaches every listener)
  std::uint64_t decode_errors = 0;     // events or items whose object did not decode (skipped)
  std::uint64_t request_failures = 0;  // failed requests (retried)
  std::uint64_t buffer_overflows = 0;  // times max_buffered_events was exceeded
};

// Spawns an informer. It subscribes at once, then lists (or, when deps.cache already holds a
// synced snapshot from a previous incarnation, catches up from it). Fails with
// caf::sec::invalid_argument (message: bus::describe) when group/resource name no registered
// type and options.type is null, page_size is 0, or a dependency is missing. The actor ends
// with an error when its subscription fails or its connection is closed for good: supervise it.
caf::expected<caf::actor> spawn_informer(caf::actor_system& sys, informer_options options,
                                         informer_deps deps);

// The registry's message type for (group, plural resource), newest version first; null when
// unknown.
const google::protobuf::Descriptor* registered_type(std::string_view group,
                                                    std::string_view resource);

}  // namespace kactor::informer

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(kactor::informer::informer_stats)
