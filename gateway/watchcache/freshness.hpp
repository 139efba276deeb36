#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>

#include "actors/informer/snapshot.hpp"

// Read-your-writes waits for the REST layer (watch_cache::when_fresh): one actor per watch
// cache keeps the waiters and answers each one exactly once, true as soon as its resource's
// snapshot reaches the revision, false at its deadline.
//
// Wake-ups: informers call the cache's on_change hook, which posts (fresh_check) while anyone
// waits; snapshot advances without a change (a bookmark, a catch-up that found nothing) are
// seen by a poll every `poll_interval` while waiters exist. A waiter still waiting after
// `resync_after` makes its informer catch up now (resync_atom): that reads the store's
// current revision, as a consistent read must.
namespace kactor::watchcache {

// One waiting when_fresh call.
struct fresh_waiter {
  std::size_t resource = 0;  // index into the actor's targets
  std::uint64_t revision = 0;
  std::chrono::steady_clock::time_point deadline;
  std::function<void(bool)> done;
};

// A resource the freshness actor watches over.
struct fresh_target {
  std::shared_ptr<informer::cache> cache;
  caf::actor informer;
};

struct freshness_options {
  std::chrono::milliseconds poll_interval{5};
  std::chrono::milliseconds resync_after{100};
};

using fresh_wait_atom = caf::atom_constant<caf::atom("fr_wait")>;
using fresh_check_atom = caf::atom_constant<caf::atom("fr_check")>;
using fresh_targets_atom = caf::atom_constant<caf::atom("fr_targets")>;
using fresh_tick_atom = caf::atom_constant<caf::atom("fr_tick")>;
using fresh_expire_atom = caf::atom_constant<caf::atom("fr_expire")>;
using fresh_nudge_atom = caf::atom_constant<caf::atom("fr_nudge")>;

// Shared between the actor (writer) and the informers' on_change hooks (readers): the number
// of waiters, so that hooks post nothing while nobody waits.
struct fresh_gauge {
  std::atomic<std::size_t> waiting{0};
};

// Protocol: (fresh_targets_atom, std::vector<fresh_target>) once, before any wait;
// (fresh_wait_atom, fresh_waiter) adds a waiter (answered at once when already fresh);
// (fresh_check_atom) re-checks every waiter. An exit answers every waiter false. done() runs on the
// actor's thread: it must not block.
caf::actor spawn_freshness(caf::actor_system& sys, freshness_options options,
                           std::shared_ptr<fresh_gauge> gauge);

}  // namespace kactor::watchcache

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(kactor::watchcache::fresh_waiter)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<kactor::watchcache::fresh_target>)
