#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include <caf/atom.hpp>
#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include "actors/bus/connection.hpp"
#include "bench/etcd_completion.hpp"
#include "bench/etcd_load.hpp"

// The client actors of kactor_target (etcd_kactor_target.hpp).
namespace kactor::bench {

// (start_atom): a put client sends its first request.
using start_atom = caf::atom_constant<caf::atom("start")>;
// (sync_atom) -> bool: the watch recorder has handled every message delivered before.
using sync_atom = caf::atom_constant<caf::atom("sync")>;

// What the put clients of one point share with the driver. The driver sets begin and
// deadline before sending start_atom; client i writes only logs[i] and calls done.finish()
// once; the driver reads the logs after done.wait_until returned true. Held by shared_ptr,
// so a client that outlives a failed point never writes to freed memory.
struct put_context {
  explicit put_context(const load_spec& spec)
      : spec(spec), logs(static_cast<std::size_t>(spec.clients)), done(spec.clients) {}

  load_spec spec;
  std::vector<client_log> logs;
  completion done;
  bench_clock::time_point begin;
  bench_clock::time_point deadline;
};

struct put_client_state {
  std::uint64_t next = 0;        // index of the put in flight
  bench_clock::time_point sent;  // when it was sent
};

// A closed-loop client: on start_atom sends CreateRequest number 0 for
// bench_name(spec.run, index, 0) over `conn`, and the next one from each reply, until the
// deadline passed, the spec is interrupted, or a request failed (a transport error or a reply
// carrying an Error); then calls done.finish() and quits.
caf::behavior put_client(caf::stateful_actor<put_client_state>* self,
                         std::shared_ptr<bus::connection> conn, std::shared_ptr<put_context> ctx,
                         int index);

// What the watch recorder shares with the driver: log is written by the actor only and read
// by the driver after a sync_atom round trip; count may be read at any time.
struct watch_context {
  watch_log log;
  std::atomic<std::size_t> count{0};
};

// Receives the configmaps event stream (bus msg_atom), parses each WatchEvent and records the
// object name of every ADDED event with its receipt time; answers sync_atom with true.
caf::behavior watch_recorder(caf::event_based_actor* self, std::shared_ptr<watch_context> ctx);

}  // namespace kactor::bench
