#include "actors/scheduler/scheduler.hpp"

#include <optional>
#include <unordered_map>

#include <spdlog/spdlog.h>
#include <caf/all.hpp>

#include "actors/apiclient/api_client.hpp"
#include "actors/apiclient/event_recorder.hpp"
#include "actors/bus/connection.hpp"
#include "actors/informer/informer.hpp"
#include "actors/leaderelection/leader_elector.hpp"
#include "actors/scheduler/scheduler_core.hpp"

namespace kactor::scheduler::detail {

// The role's two bus connections, handed to the actor once it exists (it is their owner).
struct bus_pair {
  std::shared_ptr<bus::connection> events;
  std::shared_ptr<bus::connection> rpc;
};

}  // namespace kactor::scheduler::detail

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(kactor::scheduler::detail::bus_pair)

namespace kactor::scheduler {

namespace {

using detail::bus_pair;
using init_atom = caf::atom_constant<caf::atom("sch_init")>;
using kick_atom = caf::atom_constant<caf::atom("sch_kick")>;
using flush_atom = caf::atom_constant<caf::atom("sch_flush")>;
using clock = scheduling_queue::clock;
using k8s::core::v1::Node;
using k8s::core::v1::Pod;

struct scheduler_state {
  scheduler_options opts;
  std::shared_ptr<spdlog::logger> log;
  bus_pair bus;
  std::shared_ptr<apiclient::api_client> client;
  std::shared_ptr<apiclient::event_recorder> recorder;
  caf::actor pods;
  caf::actor nodes;
  bool pods_synced = false;
  bool nodes_synced = false;
  std::unique_ptr<scheduler_core> core;
  bool leading = false;
  bool kick_pending = false;
  std::optional<clock::time_point> flush_armed;  // the earliest flush_atom on its way
  std::uint64_t next_tag = 1;
  std::unordered_map<std::uint64_t, std::string> bind_tags;  // API call tag -> pod key
};

using state_ptr = std::shared_ptr<scheduler_state>;

void ignore_reply(apiclient::api_reply) {}

core_effects make_effects(caf::event_based_actor* self, scheduler_state* st) {
  core_effects e;
  e.bind = [self, st](const Pod& pod, const std::string& node) {
    auto tag = st->next_tag++;
    const auto& meta = pod.metadata();
    st->bind_tags.emplace(tag, pod_key(meta.namespace_(), meta.name()));
    st->client->bind(meta.namespace_(), meta.name(), meta.uid(), node,
                     apiclient::reply_to(caf::actor_cast<caf::actor>(self), tag));
  };
  e.event = [st](const Pod& pod, std::string_view type, std::string_view reason,
                 std::string message) {
    st->recorder->record(pod, type, reason, std::move(message));
  };
  e.patch_status = [st](const Pod& pod, std::string patch) {
    const auto& meta = pod.metadata();
    st->client->patch({"", "pods", meta.namespace_(), meta.name(), "status"},
                      "application/strategic-merge-patch+json", std::move(patch), ignore_reply);
  };
  return e;
}

bool ready(const scheduler_state& st) {
  return st.leading && st.pods_synced && st.nodes_synced;
}

// One kick_atom in the mailbox at most: informer events and bind replies queued before it are
// handled first, so a burst of new pods is scheduled in batches, not one message each.
void kick(caf::event_based_actor* self, scheduler_state& st) {
  if (st.kick_pending || !ready(st) || !st.core->has_work()) return;
  st.kick_pending = true;
  self->send(self, kick_atom::value);
}

// Makes sure a flush_atom arrives by the time the queue next has back-offs to end.
void arm_flush(caf::event_based_actor* self, scheduler_state& st) {
  auto next = st.core->next_flush();
  if (!next || (st.flush_armed && *st.flush_armed <= *next)) return;
  st.flush_armed = *next;
  auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(*next - clock::now());
  self->delayed_send(self,
                     std::max(delay, std::chrono::milliseconds(1)) + std::chrono::milliseconds(1),
                     flush_atom::value);
}

// After anything that may have made pods schedulable or started a back-off.
void proceed(caf::event_based_actor* self, scheduler_state& st) {
  kick(self, st);
  arm_flush(self, st);
}

void on_notification(scheduler_state& st, const informer::notification& n) {
  auto now = clock::now();
  if (n.resource == "nodes") {
    const auto* node = n.object->as<Node>();
    if (!node) return;
    if (n.type == informer::change_type::deleted) {
      st.core->node_deleted(node->metadata().name());
      return;
    }
    st.core->node_changed(n.old ? n.old->as<Node>() : nullptr, *node, now);
    return;
  }
  const auto* pod = n.object->as<Pod>();
  if (!pod) return;
  if (n.type == informer::change_type::deleted) {
    st.core->pod_deleted(n.old && n.old->as<Pod>() ? *n.old->as<Pod>() : *pod, now);
    return;
  }
  // Shares the informer's cached object (aliasing): the snapshot keeps no copy of its own.
  st.core->pod_changed(n.old ? n.old->as<Pod>() : nullptr,
                       std::shared_ptr<const Pod>(n.object, pod), now);
}

caf::expected<caf::actor> start_informer(caf::event_based_actor* self, scheduler_state& st,
                                         const std::string& resource) {
  informer::informer_options o;
  o.resource = resource;
  o.lean = true;  // no managedFields or bytes: the scheduler reads neither
  o.listeners.push_back(caf::actor_cast<caf::actor>(self));
  auto a = informer::spawn_informer(
      self->system(), std::move(o),
      {st.bus.events, st.bus.rpc, std::make_shared<informer::cache>(), st.log});
  if (!a) return a;
  self->link_to(*a);  // an informer failure ends the scheduler, for its supervisor
  return a;
}

void start(caf::event_based_actor* self, const state_ptr& st) {
  st->client = std::make_shared<apiclient::api_client>(
      self->system(), st->bus.rpc, "kube-scheduler/v1.32.0 kactor", st->opts.api_timeout);
  st->recorder = std::make_shared<apiclient::event_recorder>(st->client, st->opts.scheduler_name);
  auto pods = start_informer(self, *st, "pods");
  auto nodes = pods ? start_informer(self, *st, "nodes") : pods;
  if (!pods || !nodes) {
    self->quit(pods ? nodes.error() : pods.error());
    return;
  }
  st->pods = *pods;
  st->nodes = *nodes;
  auto wait = [self, st](const caf::actor& inf, bool scheduler_state::*flag, const char* what) {
    self->request(inf, caf::infinite, informer::wait_synced_atom::value)
        .then([self, st, flag, what](informer::synced_atom, std::uint64_t revision) {
          (*st).*flag = true;
          st->log->info("scheduler: {} synced at revision {}", what, revision);
          proceed(self, *st);
        });
  };
  wait(st->pods, &scheduler_state::pods_synced, "pods");
  wait(st->nodes, &scheduler_state::nodes_synced, "nodes");
}

// Informers catch up after a reconnect or a slow-consumer drop: they need these events.
template <class Atom>
void forward(const scheduler_state& st, Atom atom, const std::string& text) {
  for (const auto* a : {&st.pods, &st.nodes})
    if (*a) caf::anon_send(*a, atom, text);
}

scheduler_stats stats_of(const scheduler_state& st) {
  scheduler_stats s;
  s.leading = st.leading;
  s.synced = st.pods_synced && st.nodes_synced;
  const auto& c = st.core->stats();
  s.attempts = c.attempts;
  s.bound = c.bound;
  s.unschedulable = c.unschedulable;
  s.bind_errors = c.bind_errors;
  s.nodes = st.core->snapshot().node_count();
  const auto& q = st.core->queue();
  s.pending = q.size();
  s.active = q.active_size();
  s.backoff = q.backoff_size();
  s.parked = q.unschedulable_size();
  s.binds_in_flight = st.core->binds_in_flight();
  return s;
}

// The connections' events: informers need up, down and slow to catch up after a loss.
caf::message_handler bus_events(const state_ptr& st) {
  return {
      [st](bus::up_atom, const std::string& url) {
        st->log->info("scheduler: bus up ({})", url);
        forward(*st, bus::up_atom::value, url);
      },
      [st](bus::down_atom, const std::string& reason) {
        st->log->warn("scheduler: bus down ({})", reason);
        forward(*st, bus::down_atom::value, reason);
      },
      [st](bus::slow_atom, const std::string& subject) {
        forward(*st, bus::slow_atom::value, subject);
      },
      [](bus::closed_atom) {},
      [st](bus::error_atom, const std::string& message) {
        st->log->warn("scheduler: bus error: {}", message);
      },
  };
}

caf::behavior scheduler_actor(caf::event_based_actor* self, state_ptr st) {
  core_options co;
  co.config = st->opts.config;
  co.scheduler_name = st->opts.scheduler_name;
  co.queue = {st->opts.initial_backoff, st->opts.max_backoff, st->opts.max_unschedulable_stay};
  co.max_in_flight_binds = st->opts.max_in_flight_binds;
  st->core = std::make_unique<scheduler_core>(std::move(co), make_effects(self, st.get()));
  st->leading = st->opts.start_leading;
  self->attach_functor([st](const caf::error&) {
    for (auto* c : {&st->bus.events, &st->bus.rpc})
      if (*c) (*c)->close();
  });
  caf::message_handler main{
      [self, st](init_atom, bus_pair& bus) {
        st->bus = std::move(bus);
        start(self, st);
      },
      [self, st](informer::event_atom, const informer::notification& n) {
        on_notification(*st, n);
        proceed(self, *st);
      },
      [self, st](kick_atom) {
        st->kick_pending = false;
        if (!ready(*st)) return;
        st->core->run(st->opts.batch_size, clock::now());
        proceed(self, *st);
      },
      [self, st](flush_atom) {
        st->flush_armed.reset();
        st->core->flush(clock::now());
        proceed(self, *st);
      },
      [self, st](apiclient::api_reply_atom, std::uint64_t tag, apiclient::api_reply& reply) {
        auto it = st->bind_tags.find(tag);
        if (it == st->bind_tags.end()) return;
        auto key = std::move(it->second);
        st->bind_tags.erase(it);
        if (!reply.ok()) st->log->warn("scheduler: binding {}: {}", key, reply.describe());
        auto why = reply.message.empty() ? reply.describe() : reply.message;
        st->core->bind_finished(key, reply.ok(), why, clock::now());
        proceed(self, *st);
      },
      [self, st](leaderelection::leading_atom, bool leading) {
        if (leading != st->leading)
          st->log->info("scheduler: {} scheduling", leading ? "starts" : "stops");
        st->leading = leading;
        kick(self, *st);
      },
      [st](sched_stats_atom) { return stats_of(*st); },
  };
  return main.or_else(bus_events(st));
}

caf::error invalid(const std::string& what) {
  return caf::make_error(caf::sec::invalid_argument, "scheduler: " + what);
}

caf::error validate(const scheduler_options& o) {
  if (o.scheduler_name.empty()) return invalid("scheduler_name must not be empty");
  if (o.max_in_flight_binds == 0) return invalid("max_in_flight_binds must be positive");
  if (o.batch_size == 0) return invalid("batch_size must be positive");
  if (o.initial_backoff.count() <= 0 || o.max_backoff < o.initial_backoff)
    return invalid("back-off must be positive, max at least initial");
  if (o.max_unschedulable_stay.count() <= 0)
    return invalid("max_unschedulable_stay must be positive");
  if (o.api_timeout.count() <= 0) return invalid("api_timeout must be positive");
  return {};
}

}  // namespace

caf::expected<caf::actor> spawn_scheduler(caf::actor_system& sys, scheduler_options options,
                                          std::shared_ptr<spdlog::logger> log) {
  if (auto err = validate(options)) return err;
  auto st = std::make_shared<scheduler_state>();
  st->log = log ? std::move(log) : spdlog::default_logger();
  bus::connection_options events_options;
  events_options.url = options.nats_url;
  events_options.name = options.scheduler_name + "-events";
  if (auto err = bus::validate(events_options)) return err;
  st->opts = std::move(options);
  auto self = sys.spawn(scheduler_actor, st);
  auto events = bus::connection::open(events_options, self);
  auto rpc_options = events_options;
  rpc_options.name = st->opts.scheduler_name + "-rpc";
  rpc_options.low_latency = true;
  auto rpc = events ? bus::connection::open(rpc_options, self) : events;
  if (!events || !rpc) {
    caf::anon_send_exit(self, caf::exit_reason::user_shutdown);
    return events ? rpc.error() : events.error();
  }
  caf::anon_send(self, init_atom::value, bus_pair{std::move(*events), std::move(*rpc)});
  return self;
}

}  // namespace kactor::scheduler
