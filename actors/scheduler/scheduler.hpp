#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/expected.hpp>

#include "actors/scheduler/scheduler_config.hpp"

namespace spdlog {
class logger;
}

// The scheduler role (kube-scheduler): informers of pods and nodes (every namespace) feed a
// cluster snapshot and a scheduling queue (scheduler_core.hpp); while pods are pending it
// runs schedule_one in batches, assumes each placed pod on its node and binds it through the
// API client (binding subresource, uid precondition), at most max_in_flight_binds at a time.
// Scheduled / FailedScheduling Events and the PodScheduled=False condition tell the user what
// happened. docs/scheduler.md.
//
// Protocol of the top actor (local messages):
//   (leading_atom, bool)   start (true) or stop (false) scheduling; the leader elector's
//                          target message (actors/leaderelection), so the scheduler can be
//                          spawned with start_leading=false and given to an elector.
//                          Informers and the queue keep following the cluster either way.
//   (sched_stats_atom) -> scheduler_stats, for tests, logs and metrics.
//   an exit message        ends it: its informers (linked) end too, its connections close.
// It ends with an error when one of its informers fails (its connection closed for good):
// supervise it. NATS reconnects are handled: the informers catch up.
namespace kactor::scheduler {

using sched_stats_atom = caf::atom_constant<caf::atom("sch_stats")>;

struct scheduler_options {
  // NATS server URL(s) of the control plane's bus.
  std::string nats_url = "nats://127.0.0.1:4222";
  // Plugins, weights and percentageOfNodesToScore (config/ reads and parses the YAML file
  // with parse_scheduler_config). Default: kube-scheduler 1.32's default profile.
  scheduler_config config;
  // Pods with this spec.schedulerName are placed (unset counts as "default-scheduler").
  // Also the Events' reporting component. Default "default-scheduler".
  std::string scheduler_name = "default-scheduler";
  // Back-off of a pod after a failed attempt: initial, doubling per attempt up to max.
  // Defaults 1 s and 10 s (kube-scheduler's).
  std::chrono::milliseconds initial_backoff{1000};
  std::chrono::milliseconds max_backoff{10000};
  // An unschedulable pod is retried when the cluster changes, or after this. Default 5 min.
  std::chrono::milliseconds max_unschedulable_stay{std::chrono::minutes(5)};
  // Bindings in flight at most. Default 64.
  std::size_t max_in_flight_binds = 512;
  // Scheduling attempts per mailbox turn: between batches the actor handles informer events
  // and bind replies. Default 256.
  std::size_t batch_size = 256;
  // Start scheduling at once (true) or wait for (leading_atom, true). Default true.
  bool start_leading = true;
  // Deadline of each API call (bind, status patch, event). Default 10 s.
  std::chrono::milliseconds api_timeout{10000};
};

// Counters of the top actor (sched_stats_atom).
struct scheduler_stats {
  bool leading = false;
  bool synced = false;  // both informers listed
  std::uint64_t attempts = 0;
  std::uint64_t bound = 0;
  std::uint64_t unschedulable = 0;
  std::uint64_t bind_errors = 0;
  std::size_t nodes = 0;
  std::size_t pending = 0;  // pods in the queue (every place)
  std::size_t active = 0;
  std::size_t backoff = 0;
  std::size_t parked = 0;  // unschedulable
  std::size_t binds_in_flight = 0;
};

// Spawns the scheduler: opens its two bus connections (events, and low-latency rpc for the
// informers' reads and the API calls) and its informers. Fails with caf::sec::invalid_argument
// for bad options (empty scheduler_name, zero max_in_flight_binds or batch_size, non-positive
// back-offs, a bad nats_url) and with the bus' errors.
caf::expected<caf::actor> spawn_scheduler(caf::actor_system& sys, scheduler_options options,
                                          std::shared_ptr<spdlog::logger> log);

}  // namespace kactor::scheduler

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(kactor::scheduler::scheduler_stats)
