#include "actors/controllers/nodelifecycle/node_lifecycle.hpp"

#include <map>
#include <set>
#include <string>

#include <spdlog/spdlog.h>
#include <caf/event_based_actor.hpp>

#include "actors/controllers/nodelifecycle/node_health.hpp"

namespace kactor::controllers::nodelifecycle {

namespace {

using tick_atom = caf::atom_constant<caf::atom("nlc_tick")>;
using k8s::core::v1::Node;
using k8s::core::v1::Pod;

struct lifecycle_state {
  node_lifecycle_options opts;
  node_lifecycle_deps deps;
  std::map<std::string, heartbeat_observation> observed;  // by node name
  std::set<std::string> evicted;                          // pod uids already deleted by us
};

void ignore(apiclient::api_reply) {}

// Heartbeats, conditions and taints of one node; true when it carries NoExecute taints.
bool check_node(lifecycle_state& st, const Node& node, steady::time_point now,
                messages::timestamp wall) {
  const auto& name = node.metadata().name();
  auto lease =
      st.deps.leases->current()->get_as<k8s::coordination::v1::Lease>("kube-node-lease/" + name);
  if (heartbeat_stale(node, lease.get(), now, st.opts.grace_period, st.observed[name])) {
    Node updated = node;
    if (mark_status_unknown(updated, wall)) {
      st.deps.log->warn("node {} stopped posting status: marking it Unknown", name);
      st.deps.client->update_status(updated, ignore);
      if (st.deps.events)
        st.deps.events->record(node, "Normal", "NodeNotReady",
                               "Node " + name + " status is now: NodeNotReady");
      return false;  // taints follow once the new status is in the cache
    }
  }
  Node tainted = node;
  if (reconcile_taints(tainted, wall)) st.deps.client->update(tainted, ignore);
  for (const auto& t : node.spec().taints())
    if (t.effect() == "NoExecute") return true;
  return false;
}

void evict_pods(lifecycle_state& st, const std::map<std::string, const Node*>& tainted,
                messages::timestamp wall) {
  std::set<std::string> alive;
  st.deps.pods->current()->for_each([&](const informer::object_ptr& obj) {
    const auto* pod = obj->as<Pod>();
    if (!pod) return;
    alive.insert(pod->metadata().uid());
    auto it = tainted.find(pod->spec().nodename());
    if (it == tainted.end() || pod->metadata().has_deletiontimestamp()) return;
    if (st.evicted.count(pod->metadata().uid())) return;
    auto when = eviction_time(*pod, *it->second);
    if (!when || wall < *when) return;
    st.evicted.insert(pod->metadata().uid());
    const auto& ns = pod->metadata().namespace_();
    const auto& name = pod->metadata().name();
    st.deps.log->info("evicting pod {}/{} from node {}", ns, name, it->first);
    apiclient::delete_options d;
    d.precondition_uid = pod->metadata().uid();
    st.deps.client->remove({"", "pods", ns, name}, d, ignore);
    if (st.deps.events)
      st.deps.events->record(*pod, "Normal", "TaintManagerEviction",
                             "Marking for deletion Pod " + ns + "/" + name);
  });
  std::erase_if(st.evicted, [&](const std::string& uid) { return !alive.count(uid); });
}

void check_all(lifecycle_state& st) {
  if (!st.deps.nodes->has_synced() || !st.deps.leases->has_synced() || !st.deps.pods->has_synced())
    return;
  auto now = steady::now();
  auto wall = messages::now();
  auto nodes = st.deps.nodes->current();
  std::map<std::string, const Node*> tainted;
  std::set<std::string> present;
  nodes->for_each([&](const informer::object_ptr& obj) {
    const auto* node = obj->as<Node>();
    if (!node) return;
    present.insert(node->metadata().name());
    if (check_node(st, *node, now, wall)) tainted[node->metadata().name()] = node;
  });
  std::erase_if(st.observed, [&](const auto& kv) { return !present.count(kv.first); });
  if (!tainted.empty()) evict_pods(st, tainted, wall);
}

caf::behavior node_lifecycle(caf::event_based_actor* self, std::shared_ptr<lifecycle_state> st) {
  self->send(self, tick_atom::value);
  return {
      [self, st](tick_atom) {
        check_all(*st);
        self->delayed_send(self, st->opts.monitor_period, tick_atom::value);
      },
  };
}

}  // namespace

caf::actor spawn_node_lifecycle(caf::actor_system& sys, node_lifecycle_options options,
                                node_lifecycle_deps deps) {
  auto st = std::make_shared<lifecycle_state>();
  st->opts = options;
  st->deps = std::move(deps);
  if (!st->deps.log) st->deps.log = spdlog::default_logger();
  return sys.spawn(node_lifecycle, st);
}

}  // namespace kactor::controllers::nodelifecycle
