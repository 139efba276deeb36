#include "node/simulated/sim_node.hpp"

#include <map>
#include <random>
#include <vector>

#include <spdlog/spdlog.h>

#include "actors/informer/informer.hpp"
#include "node/agent/node_status.hpp"
#include "node/simulated/sim_identity.hpp"
#include "node/simulated/sim_pod.hpp"

namespace kactor::node::simulated {

namespace {

using k8s::core::v1::Node;
using k8s::core::v1::Pod;
using lease_tick_atom = caf::atom_constant<caf::atom("sim_lease")>;
using pod_timer_atom = caf::atom_constant<caf::atom("sim_ptimer")>;
using retry_atom = caf::atom_constant<caf::atom("sim_retry")>;

enum tag : std::uint64_t { node_created = 1, node_fetched, status_posted, lease_created };

struct node_state {
  sim_node_deps deps;
  int index = 0;
  std::string name;
  std::string ip;
  std::string uid;  // the Node's, once registered
  bool registering = false;
  bool registered = false;  // Node, status and Lease written
  bool announced = false;   // the hub was told (once)
  bool down = false;        // told down: no heartbeat, pods left alone
  messages::timestamp last_status{};
  std::map<std::string, sim_pod> pods;  // by uid
  std::vector<bool> slots;              // pod IP slots in use (index 0 unused)
  std::uint64_t timers = 0;
};

using state_ptr = std::shared_ptr<node_state>;

const simulated_nodes_options& opts(const state_ptr& st) {
  return *st->deps.opts;
}

caf::actor me(caf::event_based_actor* self) {
  return caf::actor_cast<caf::actor>(self);
}

int take_slot(node_state& st) {
  for (std::size_t i = 1; i < st.slots.size(); ++i)
    if (!st.slots[i]) {
      st.slots[i] = true;
      return static_cast<int>(i);
    }
  return 0;  // full: the pod shares the node's IP
}

void post_status(caf::event_based_actor* self, const state_ptr& st, std::uint64_t t) {
  st->last_status = messages::now();
  auto node = make_sim_node(opts(st), st->index, st->last_status);
  st->deps.client->update_status(node, apiclient::reply_to(me(self), t));
}

void renew_lease(caf::event_based_actor* self, const state_ptr& st) {
  auto lease =
      agent::make_lease(st->name, st->uid, opts(st).lease_duration_seconds, messages::now());
  auto client = st->deps.client;
  auto target = me(self);
  client->update(lease, [client, lease, target](apiclient::api_reply r) {
    if (r.not_found()) client->create(lease, apiclient::reply_to(target, lease_created));
  });
}

void publish(const state_ptr& st, sim_pod& p) {
  if (p.deleting) return;
  const auto& pod = p.record.pod;
  auto ip = pod.spec().hostnetwork() || p.slot == 0 ? st->ip : pod_ip(st->index, p.slot);
  auto status = sim_status(p, st->ip, ip, messages::now());
  auto text = status.SerializeAsString();
  if (text == p.record.last_status) return;
  p.record.last_status = std::move(text);
  Pod update;
  *update.mutable_metadata() = pod.metadata();
  update.mutable_metadata()->clear_resourceversion();
  update.mutable_metadata()->clear_managedfields();
  *update.mutable_status() = std::move(status);
  st->deps.client->update_status(
      update, [log = st->deps.log, uid = pod.metadata().uid()](apiclient::api_reply r) {
        if (!r.ok() && !r.not_found()) log->warn("simulated pod {} status: {}", uid, r.describe());
      });
}

void arm(caf::event_based_actor* self, const state_ptr& st, const std::string& uid, sim_pod& p,
         next_step step, std::chrono::milliseconds delay) {
  p.next = step;
  p.timer = ++st->timers;
  self->delayed_send(self, delay, pod_timer_atom::value, uid, p.timer);
}

void final_delete(const state_ptr& st, sim_pod& p) {
  p.deleting = true;
  const auto& m = p.record.pod.metadata();
  apiclient::delete_options d;
  d.grace_period_seconds = 0;
  d.precondition_uid = m.uid();
  st->deps.client->remove({"", "pods", m.namespace_(), m.name()}, d,
                          [log = st->deps.log, uid = m.uid()](apiclient::api_reply r) {
                            if (!r.ok() && !r.not_found())
                              log->warn("simulated pod {} final delete: {}", uid, r.describe());
                          });
}

// Moves one pod on: the final delete once it is terminating, its start once it arrived.
void sync_pod(caf::event_based_actor* self, const state_ptr& st, const std::string& uid) {
  auto& p = st->pods.at(uid);
  if (st->down || !st->registered || p.deleting) return;
  if (p.record.pod.metadata().has_deletiontimestamp()) {
    final_delete(st, p);
    return;
  }
  if (p.record.sandbox.empty() && p.next == next_step::none && !terminal(p.record.pod)) {
    if (!p.record.pod.spec().hostnetwork()) p.slot = take_slot(*st);
    auto delay = opts(st).pod_start_delay;
    if (delay.count() > 0) publish(st, p);  // Pending, ContainerCreating
    arm(self, st, uid, p, next_step::start, delay);
  }
}

void on_timer(caf::event_based_actor* self, const state_ptr& st, const std::string& uid,
              std::uint64_t timer) {
  auto it = st->pods.find(uid);
  if (it == st->pods.end() || it->second.timer != timer) return;
  auto& p = it->second;
  if (st->down || p.deleting) return;  // a down node runs the step when it resumes
  auto now = messages::now();
  auto step = p.next;
  p.next = next_step::none;
  if (step == next_step::start) {
    start_containers(p, now);
  } else if (step == next_step::restart) {
    restart_containers(p, now);
  } else if (step == next_step::exit) {
    std::chrono::seconds backoff{0};
    if (exit_containers(p, p.behaviour.exit_code, now, opts(st).crash_backoff_initial,
                        opts(st).crash_backoff_max, backoff))
      arm(self, st, uid, p, next_step::restart, backoff);
    else if (p.slot) {
      st->slots[p.slot] = false;
      p.slot = 0;
    }
    publish(st, p);
    return;
  }
  if (p.behaviour.run_for) arm(self, st, uid, p, next_step::exit, *p.behaviour.run_for);
  publish(st, p);
}

void on_pod(caf::event_based_actor* self, const state_ptr& st, const informer::notification& n) {
  const auto* pod = n.object->as<Pod>();
  if (!pod) return;
  const auto& uid = pod->metadata().uid();
  if (n.type == informer::change_type::deleted) {
    auto it = st->pods.find(uid);
    if (it != st->pods.end() && it->second.slot) st->slots[it->second.slot] = false;
    st->pods.erase(uid);
    return;
  }
  auto it = st->pods.find(uid);
  if (it == st->pods.end()) {
    it = st->pods.emplace(uid, make_sim_pod(*pod, messages::now())).first;
    if (!it->second.behaviour.problem.empty())
      st->deps.log->warn("pod {}/{}: {}", pod->metadata().namespace_(), pod->metadata().name(),
                         it->second.behaviour.problem);
  } else {
    it->second.record.pod = *pod;
  }
  sync_pod(self, st, uid);
}

void on_node(caf::event_based_actor* self, const state_ptr& st, const informer::notification& n) {
  const auto* node = n.object->as<Node>();
  if (!node || !st->registered) return;
  if (n.type == informer::change_type::deleted) {
    // Deleted under a running kubelet: it registers again.
    st->registered = false;
    st->registering = true;
    st->uid.clear();
    st->deps.client->create(make_sim_node(opts(st), st->index, messages::now()),
                            apiclient::reply_to(me(self), node_created));
    return;
  }
  bool down = told_down(*node);
  if (down != st->down) {
    st->down = down;
    st->deps.log->info("simulated node {} {}", st->name, down ? "stopped" : "resumed");
    if (!down) {
      renew_lease(self, st);
      post_status(self, st, 0);
      // Steps whose time came while it was down run now.
      for (auto& [uid, p] : st->pods)
        if (p.next != next_step::none) arm(self, st, uid, p, p.next, std::chrono::milliseconds(0));
      for (auto& [uid, p] : st->pods)
        sync_pod(self, st, uid);
    }
    return;
  }
  // The node controller marked it Unknown (or it was never posted): report Ready again.
  if (!down && !reported_ready(*node)) post_status(self, st, 0);
}

// Registration: create the Node (or find it), post its status, then the Lease.
void on_reply(caf::event_based_actor* self, const state_ptr& st, std::uint64_t t,
              apiclient::api_reply& r) {
  if (t == node_created && r.already_exists()) {
    st->deps.client->get({"", "nodes", "", st->name}, apiclient::reply_to(me(self), node_fetched));
    return;
  }
  if (t == node_created || t == node_fetched) {
    auto* node = dynamic_cast<Node*>(r.object.get());
    if (!node) {
      st->deps.log->warn("simulated node {} registration: {}; retrying", st->name, r.describe());
      self->delayed_send(self, std::chrono::seconds(1), retry_atom::value);
      return;
    }
    st->uid = node->metadata().uid();
    post_status(self, st, status_posted);
    return;
  }
  if (t == status_posted) {
    auto lease =
        agent::make_lease(st->name, st->uid, opts(st).lease_duration_seconds, messages::now());
    st->deps.client->update(
        lease, [client = st->deps.client, lease, target = me(self)](apiclient::api_reply r) {
          if (r.not_found())
            client->create(lease, apiclient::reply_to(target, lease_created));
          else
            caf::anon_send(target, apiclient::api_reply_atom::value,
                           static_cast<std::uint64_t>(lease_created), std::move(r));
        });
    return;
  }
  if (t == lease_created && !st->registered && st->registering) {
    if (!r.ok() && !r.already_exists()) {
      st->deps.log->warn("simulated node {} lease: {}; retrying", st->name, r.describe());
      self->delayed_send(self, std::chrono::seconds(1), retry_atom::value);
      return;
    }
    st->registered = true;
    st->registering = false;
    for (auto& [uid, p] : st->pods)
      sync_pod(self, st, uid);
    if (st->announced) return;  // registered again after its Node was deleted
    st->announced = true;
    caf::anon_send(st->deps.hub, sim_registered_atom::value, st->index);
    // The first renewal at a random point of the interval spreads the nodes' heartbeats.
    std::minstd_rand rng(static_cast<unsigned>(st->index) + 1);
    auto every = opts(st).lease_renew_interval.count();
    self->delayed_send(self, std::chrono::milliseconds(1 + rng() % std::max<long>(every, 1)),
                       lease_tick_atom::value);
  }
}

}  // namespace

caf::behavior sim_node(caf::event_based_actor* self, sim_node_deps deps, int index) {
  auto st = std::make_shared<node_state>();
  st->deps = std::move(deps);
  st->index = index;
  st->name = node_name(opts(st).prefix, index);
  st->ip = node_ip(index);
  st->slots.assign(254, false);
  auto create = [self, st] {
    st->registering = true;
    st->deps.client->create(make_sim_node(opts(st), st->index, messages::now()),
                            apiclient::reply_to(me(self), node_created));
  };
  return {
      [create](sim_register_atom) { create(); },
      [create](retry_atom) { create(); },
      [self, st](apiclient::api_reply_atom, std::uint64_t t, apiclient::api_reply& r) {
        on_reply(self, st, t, r);
      },
      [self, st](informer::event_atom, informer::notification& n) {
        if (n.resource == "pods")
          on_pod(self, st, n);
        else
          on_node(self, st, n);
      },
      [self, st](lease_tick_atom) {
        if (!st->down) {
          renew_lease(self, st);
          if (messages::now().seconds - st->last_status.seconds >=
              std::chrono::duration_cast<std::chrono::seconds>(opts(st).status_report_frequency)
                  .count())
            post_status(self, st, 0);
        }
        self->delayed_send(self, opts(st).lease_renew_interval, lease_tick_atom::value);
      },
      [self, st](pod_timer_atom, const std::string& uid, std::uint64_t timer) {
        on_timer(self, st, uid, timer);
      },
  };
}

}  // namespace kactor::node::simulated
