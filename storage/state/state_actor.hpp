#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/atom.hpp>

#include "actors/bus/connection.hpp"
#include "storage/committer.hpp"
#include "storage/state/keys.hpp"
#include "storage/store.hpp"

// The state actor: the single writer of cluster state and the source of every watch event
// (docs/state.md). It serves the write verbs (create, update, delete, txn): decodes and checks
// the request (write_plan.hpp), submits it to the committer and returns at once; the
// committer's completion, after the fsync, only posts the outcome back as a message. The
// actor then replies and publishes one WatchEvent per change (event_streams.hpp), and
// periodically BOOKMARKs on every stream.
//
// Revision order: the committer runs completions on its one thread in commit order, and CAF
// keeps the order of messages one thread sends to one actor, so outcomes arrive (and events
// are published) in revision order without a reorder buffer. event_streams refuses, and logs,
// anything that would break it.
//
// It runs detached (its own thread): it is the hot path of every write, and a conflict reply
// reads the object's current revision from LMDB (a short read that may wait for a map
// resize), which must not hold a cooperative scheduler thread.
//
// Protocol:
//   (bus::msg_atom, subject, reply, data)   a write request from its subscriptions
//   (bus::slow_atom, subject)               logged: the bus dropped requests
//   (drain_atom) -> drain_atom              answered once every message received before it
//                                           (outcomes included) has been handled: stop() uses
//                                           it after stopping the committer
namespace kactor::state {

using drain_atom = caf::atom_constant<caf::atom("st_drain")>;

struct state_actor_options {
  // WatchEvent.epoch of this incarnation.
  std::uint64_t epoch = 0;
  // How often streams that published since their last bookmark get one. Default: 1 s.
  std::chrono::milliseconds bookmark_interval{1000};
  // How often every stream (every watchable resource, every node seen) gets one, also when
  // idle: subscribers learn the epoch and the revision. Default: 30 s.
  std::chrono::milliseconds bookmark_all_interval{30000};
};

// What the actor works with; everything must outlive it.
struct state_actor_deps {
  storage::store* db = nullptr;
  storage::committer* writer = nullptr;
  const key_space* keys = nullptr;
  std::shared_ptr<bus::connection> rpc;     // replies (low latency)
  std::shared_ptr<bus::connection> events;  // event publication (bulk)
  state_actor_options options;
};

// Spawns the state actor (detached). Subscribing it to the write verbs is the caller's job.
caf::actor spawn_state_actor(caf::actor_system& sys, state_actor_deps deps);

}  // namespace kactor::state
