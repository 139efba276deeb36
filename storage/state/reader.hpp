#pragma once

#include <memory>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/bus/connection.hpp"
#include "storage/state/query_service.hpp"

// A reader: serves the read verbs (state_verbs.hpp) of the state actor. Reads are cheap but
// not free (a large list copies megabytes, a read view waits while the map grows, compaction
// steps take the store's write lock), so they run on readers, each a detached actor with its
// own thread, beside the writer: reads never delay a commit's reply or its events, and several
// readers answer concurrently (LMDB readers do not block each other or the writer). The role
// subscribes each reader to every read verb in the state queue group, so NATS spreads the
// requests over them.
//
// Protocol: (bus::msg_atom, subject, reply, data) -> answers on `reply` through `rpc` with the
// query_service's reply; a reply above the bus's max_payload is replaced by a TOO_LARGE error.
// (bus::slow_atom, subject) is logged. Requests without a reply subject are ignored.
namespace kactor::state {

caf::actor spawn_reader(caf::actor_system& sys, std::shared_ptr<query_service> service,
                        std::shared_ptr<bus::connection> rpc);

}  // namespace kactor::state
