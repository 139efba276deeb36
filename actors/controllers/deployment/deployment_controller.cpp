#include "actors/controllers/deployment/deployment_controller.hpp"

#include <spdlog/spdlog.h>
#include <caf/event_based_actor.hpp>

#include "actors/controllers/common/ownership.hpp"
#include "actors/controllers/deployment/deployment_sync.hpp"
#include "actors/informer/informer.hpp"
#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/pod.pb.h"

namespace kactor::controllers::deployment {

namespace {

using k8s::apps::v1::Deployment;
using k8s::apps::v1::ReplicaSet;
using k8s::core::v1::Pod;

void enqueue_controller(controller_state& st, const k8s::meta::v1::ObjectMeta& meta,
                        std::string_view kind) {
  const auto* ref = controller_ref(meta);
  if (ref && ref->kind() == kind)
    st.loop->enqueue(informer::object_key(meta.namespace_(), ref->name()));
}

void on_replicaset(controller_state& st, const informer::notification& n) {
  const auto* rs = n.object->as<ReplicaSet>();
  if (!rs) return;
  enqueue_controller(st, rs->metadata(), "Deployment");
  if (const auto* old = n.old ? n.old->as<ReplicaSet>() : nullptr)
    enqueue_controller(st, old->metadata(), "Deployment");
  if (controller_ref(rs->metadata()) || n.type == informer::change_type::deleted) return;
  for (const auto& obj : st.deps.deployments->current()->list(rs->metadata().namespace_())) {
    const auto* d = obj->as<Deployment>();
    if (d && selects(d->spec().has_selector() ? &d->spec().selector() : nullptr,
                     rs->metadata().labels()))
      st.loop->enqueue(obj->key());
  }
}

// Recreate waits for the old pods to be gone: a pod ending concerns its deployment.
void on_pod(controller_state& st, const informer::notification& n) {
  const auto* pod = n.object->as<Pod>();
  if (!pod) return;
  bool ended = n.type == informer::change_type::deleted || pod->status().phase() == "Succeeded" ||
               pod->status().phase() == "Failed";
  if (!ended) return;
  const auto* ref = controller_ref(pod->metadata());
  if (!ref || ref->kind() != "ReplicaSet") return;
  auto rs = st.deps.replicasets->current()->get_as<ReplicaSet>(
      informer::object_key(pod->metadata().namespace_(), ref->name()));
  const auto* owner = rs ? controller_ref(rs->metadata()) : nullptr;
  if (!owner || owner->kind() != "Deployment") return;
  auto key = informer::object_key(pod->metadata().namespace_(), owner->name());
  auto d = st.deps.deployments->current()->get_as<Deployment>(key);
  if (d && d->spec().strategy().type() == "Recreate") st.loop->enqueue(key);
}

caf::behavior controller(caf::event_based_actor* self, std::shared_ptr<controller_state> st) {
  st->loop = std::make_unique<sync_loop>(
      self, "deployment", st->opts.workers,
      [s = st.get()](sync_context& ctx) { sync_deployment(*s, ctx); }, st->deps.log);
  return {
      [st](informer::event_atom, const informer::notification& n) {
        if (n.resource == "deployments") return st->loop->enqueue(n.key());
        if (n.resource == "replicasets") return on_replicaset(*st, n);
        if (n.resource == "pods") return on_pod(*st, n);
      },
      [st](apiclient::api_reply_atom, std::uint64_t tag, apiclient::api_reply& r) {
        st->loop->on_reply(tag, r);
      },
      [st](loop_tick_atom) { st->loop->on_tick(); },
  };
}

}  // namespace

caf::actor spawn_deployment_controller(caf::actor_system& sys, deployment_options options,
                                       deployment_deps deps) {
  auto st = std::make_shared<controller_state>();
  st->opts = options;
  st->deps = std::move(deps);
  if (!st->deps.log) st->deps.log = spdlog::default_logger();
  return sys.spawn(controller, st);
}

}  // namespace kactor::controllers::deployment
