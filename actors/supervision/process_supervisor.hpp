#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>

#include "actors/supervision/child_process.hpp"
#include "config/restart_policy.hpp"

namespace spdlog {
class logger;
}

// Supervision of `kactor up` (who monitors whom, who restarts whom, with what back-off):
//
//   main thread: waits for SIGTERM/SIGINT (signalfd); owns the shutdown order below
//   ├── http_server (gateway/http): its own I/O threads; not restarted (failing to listen
//   │   is fatal at startup)
//   ├── bus::connection (actors/bus): nats.c reconnects by itself (50 ms doubling to 2 s)
//   │   and reports up/down/closed to the up coordinator
//   ├── up coordinator actor (cmd/kactor): logs bus and child events, prints `ready` once.
//   │   Not restarted: it is the bus connection's fixed owner and holds no other state.
//   └── actor_supervisor "up" (actor_supervisor.hpp): links to its children and traps their
//       exits; restarts a child that failed with back-off (100 ms doubling to 5 s, reset
//       after 10 s up); its own exit ends every child
//       └── process_supervisor "nats-server" (detached actor, this file); a restarted
//           instance starts a fresh nats-server on the same port (the plan is fixed)
//           └── nats-server child process: watched by a detached waiter actor (waitid), so
//               its exit arrives as a message; restarted with exponential back-off
//               (restart_policy: 100 ms doubling to 5 s, reset after 10 s of uptime) on the
//               SAME port; every restart is logged and counted (status_atom). It has
//               PR_SET_PDEATHSIG(SIGKILL): it dies with us even on kill -9.
//
//   Shutdown (SIGTERM/SIGINT): readiness fails ("shutdown" check), the HTTP server stops,
//   the bus connection closes, the process supervisor gets stop_atom (SIGTERM, SIGKILL after
//   stop_grace, reap), then the root supervisor and the coordinator exit and the process
//   exits 0. up.shutdown_grace bounds the whole sequence.
namespace kactor::supervision {

// --- protocol of the process supervisor ---
// Dynamically typed: its timers and its waiter's report are messages to itself, which a
// typed interface would have to publish.

// (status_atom) -> process_status: the child's current state and counters.
using status_atom = caf::atom_constant<caf::atom("sv_status")>;
// (stop_atom) -> (stop_atom): stops the child (SIGTERM, then SIGKILL after stop_grace), reaps
// it, answers, and the supervisor quits. No restart happens after stop_atom.
using stop_atom = caf::atom_constant<caf::atom("sv_stop")>;
// To the listener: (started_atom, std::string name, int32_t pid, uint64_t restarts) after
// each start; `restarts` is 0 for the first.
using started_atom = caf::atom_constant<caf::atom("sv_started")>;
// To the listener: (exited_atom, std::string name, int32_t pid, std::string how) after each
// exit, `how` as exit_status::describe() ("killed by signal 9 (SIGKILL)").
using exited_atom = caf::atom_constant<caf::atom("sv_exited")>;

// What to supervise.
struct process_spec {
  std::string name;     // for logs and events: "nats-server"
  spawn_options spawn;  // the program; spawned with die_with_parent
  // Rewritten with the pid (one line) at every start, removed when the child exits on
  // stop. Empty: no pid file.
  std::filesystem::path pid_file;
  config::restart_policy restart;
  std::chrono::milliseconds stop_grace{5'000};  // SIGTERM -> SIGKILL on stop
  std::shared_ptr<spdlog::logger> log;          // null: spdlog's default logger
};

// The answer to status_atom.
struct process_status {
  std::int32_t pid = 0;      // of the running child; 0 while waiting to restart
  std::uint64_t starts = 0;  // successful spawns
  std::uint64_t restarts =
      0;                  // restarts after an exit or failed spawn (starts - 1, plus failed spawns)
  std::string last_exit;  // describe() of the last exit, or a spawn error; "" if none
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, process_status& x) {
  return f(caf::meta::type_name("process_status"), x.pid, x.starts, x.restarts, x.last_exit);
}

// Spawns the supervisor as a detached actor (it forks; PDEATHSIG is bound to its thread)
// and starts the child at once. A failed spawn is logged and retried with back-off like an
// exit. `listener` (may be null) receives started_atom / exited_atom. If the supervisor
// exits without stop_atom (an exit message, a crash), it kills the child with SIGKILL.
caf::actor spawn_process_supervisor(caf::actor_system& sys, process_spec spec,
                                    caf::actor listener = {});

}  // namespace kactor::supervision
