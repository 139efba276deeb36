#include "actors/controllers/replicaset/replicaset_controller.hpp"

#include <spdlog/spdlog.h>
#include <caf/event_based_actor.hpp>

#include "actors/controllers/common/ownership.hpp"
#include "actors/controllers/replicaset/replicaset_sync.hpp"
#include "actors/informer/informer.hpp"
#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/pod.pb.h"

namespace kactor::controllers::replicaset {

namespace {

using k8s::apps::v1::ReplicaSet;
using k8s::core::v1::Pod;

// The key of the ReplicaSet that controls `pod`, if it is in the cache with the same uid.
std::optional<std::string> controller_key(controller_state& st, const Pod& pod) {
  const auto* ref = controller_ref(pod.metadata());
  if (!ref || ref->kind() != st.kind.kind) return std::nullopt;
  auto key = informer::object_key(pod.metadata().namespace_(), ref->name());
  auto obj = st.deps.replicasets->current()->get(key);
  if (!obj || obj->message == nullptr) return std::nullopt;
  auto rs = as_replica_set(*obj);
  if (!rs || rs->metadata().uid() != ref->uid()) return std::nullopt;
  return key;
}

// An orphan may be adopted by any ReplicaSet of its namespace that selects it.
void enqueue_selecting(controller_state& st, const Pod& pod) {
  for (const auto& obj : st.deps.replicasets->current()->list(pod.metadata().namespace_())) {
    auto rs = as_replica_set(*obj);
    if (rs && selects(rs->spec().has_selector() ? &rs->spec().selector() : nullptr,
                      pod.metadata().labels()))
      st.loop->enqueue(obj->key());
  }
}

void on_pod(controller_state& st, const informer::notification& n) {
  const auto* pod = n.object->as<Pod>();
  const auto* old = n.old ? n.old->as<Pod>() : nullptr;
  if (!pod) return;
  const auto& uid = pod->metadata().uid();
  auto key = controller_key(st, *pod);
  bool deleting = pod->metadata().has_deletiontimestamp();
  bool was_deleting = old && old->metadata().has_deletiontimestamp();
  if (n.type == informer::change_type::deleted || (deleting && !was_deleting)) {
    if (key) st.expected.deletion_observed(*key, uid);
  } else if (n.type == informer::change_type::added && key) {
    st.expected.creation_observed(*key);
  }
  if (key) st.loop->enqueue(*key);
  if (old) {  // a changed controller reference or labels concern the old controller too
    if (auto old_key = controller_key(st, *old); old_key && old_key != key)
      st.loop->enqueue(*old_key);
  }
  if (!controller_ref(pod->metadata()) && n.type != informer::change_type::deleted && !deleting)
    enqueue_selecting(st, *pod);
}

caf::behavior controller(caf::event_based_actor* self, std::shared_ptr<controller_state> st) {
  st->loop = std::make_unique<sync_loop>(
      self, st->opts.replication_controllers ? "replicationcontroller" : "replicaset",
      st->opts.workers, [s = st.get()](sync_context& ctx) { sync_replicaset(*s, ctx); },
      st->deps.log);
  return {
      [st](informer::event_atom, const informer::notification& n) {
        if (n.resource == "pods") return on_pod(*st, n);
        if (n.resource != st->kind.resource) return;
        if (n.type == informer::change_type::deleted) st->expected.forget(n.key());
        st->loop->enqueue(n.key());
      },
      [st](apiclient::api_reply_atom, std::uint64_t tag, apiclient::api_reply& r) {
        st->loop->on_reply(tag, r);
      },
      [st](loop_tick_atom) { st->loop->on_tick(); },
  };
}

}  // namespace

caf::actor spawn_replicaset_controller(caf::actor_system& sys, replicaset_options options,
                                       replicaset_deps deps) {
  auto st = std::make_shared<controller_state>();
  if (options.replication_controllers) st->kind = replication_controller_kind();
  st->opts = options;
  st->deps = std::move(deps);
  if (!st->deps.log) st->deps.log = spdlog::default_logger();
  return sys.spawn(controller, st);
}

}  // namespace kactor::controllers::replicaset
