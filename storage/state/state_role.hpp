#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/expected.hpp>

#include "storage/options.hpp"
#include "storage/state/query_service.hpp"

// The state role (`kactor state`, and part of `kactor up`): the store on the bus. It opens the
// store, connects to NATS, and runs the state actor (writes, events) with its readers
// (reads, compaction) until stopped. docs/state.md describes what it serves.
namespace kactor::state {

struct state_role_options {
  // The process's data directory; the store lives in state_store_dir(data_dir) and is
  // created there when missing. Required.
  std::filesystem::path data_dir;
  // NATS server URL(s), comma-separated. Default: nats://127.0.0.1:4222. When the server is
  // not reachable yet the role starts anyway and serves once it is.
  std::string nats_url = "nats://127.0.0.1:4222";
  // StatusReply.version. Default: "".
  std::string version;
  // Reader actors (threads) serving reads and compaction. Default: 2 (the machine has two
  // cores; the writer and the committer have their own threads).
  std::size_t readers = 2;
  // Bookmark cadence (state_actor_options). Defaults: 1 s for streams that published,
  // 30 s for every stream.
  std::chrono::milliseconds bookmark_interval{1000};
  std::chrono::milliseconds bookmark_all_interval{30000};
  // WatchEvent.epoch; 0 (default): the start time in microseconds since the Unix epoch, so a
  // restarted process has a new (and larger) one.
  std::uint64_t epoch = 0;
  // Store options: history_window (compaction by time, default 5 min), map sizes, limits ...
  // Its data_dir is ignored (see data_dir above).
  storage::store_options store;
  // Group commit and the periodic compaction (compaction_interval, default 10 s).
  storage::committer_options committer;
  // Read paging and limits; its version and epoch are set from the fields above.
  query_options queries;
  // How long stop() waits for the actor to answer the writes committed last. Default: 5 s.
  std::chrono::milliseconds drain_timeout{5000};
};

// Where the store of a data directory lives: <data_dir>/state.
std::filesystem::path state_store_dir(const std::filesystem::path& data_dir);

// A running state role. Move-only; destroying it stops it.
class state_role {
 public:
  state_role(state_role&&) noexcept;
  state_role& operator=(state_role&&) noexcept;
  ~state_role();

  // Stops serving and shuts down cleanly: unsubscribes (new requests get no responders or go
  // to another instance), lets the committer commit what is queued, lets the actor answer
  // and publish those writes, flushes the events to the server, stops the actors, closes the
  // connections and the store. Blocks; idempotent. Call from a non-actor thread.
  void stop();

  // The epoch of this incarnation (WatchEvent.epoch, StatusReply.epoch).
  std::uint64_t epoch() const;
  // The state actor (for supervision: it ends when stop() runs).
  caf::actor actor() const;

  struct impl;
  explicit state_role(std::unique_ptr<impl> x);

 private:
  std::unique_ptr<impl> impl_;
};

// Starts the role. Errors (state error category, error.hpp): invalid_options (empty data_dir,
// no readers, non-positive intervals), store (the data dir holds a corrupt or foreign file, or
// cannot be created or read: the message names the file and the problem), bus (bad URL or
// connection options). Waits up to 2 s for the server to register the subscriptions, so a
// request sent after a successful start is served (when the server is reachable).
caf::expected<state_role> start_state_role(caf::actor_system& sys,
                                           const state_role_options& options);

}  // namespace kactor::state
