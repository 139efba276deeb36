#include "actors/controllers/deployment/deployment_sync.hpp"

#include <spdlog/spdlog.h>

#include "actors/controllers/common/ownership.hpp"
#include "actors/controllers/deployment/deployment_plan.hpp"
#include "actors/controllers/deployment/template_hash.hpp"

namespace kactor::controllers::deployment {

namespace {

using k8s::apps::v1::Deployment;
using k8s::apps::v1::ReplicaSet;
using k8s::core::v1::Pod;

void fail_unless_ok(sync_context ctx, const apiclient::api_reply& r, const std::string& what) {
  if (!r.ok() && !r.not_found()) ctx.fail(what + ": " + r.describe());
}

// The ReplicaSets `d` controls after claiming (see replicaset's claim_pods: the same rules).
rs_list claim_replicasets(controller_state& st, sync_context& ctx, const Deployment& d,
                          const std::vector<informer::object_ptr>& candidates) {
  rs_list out;
  const auto& uid = d.metadata().uid();
  bool deleting = d.metadata().has_deletiontimestamp();
  const auto* selector = d.spec().has_selector() ? &d.spec().selector() : nullptr;
  for (const auto& obj : candidates) {
    const auto* rs = obj->as<ReplicaSet>();
    if (!rs) continue;
    const auto* ref = controller_ref(rs->metadata());
    bool match = selects(selector, rs->metadata().labels());
    if (ref && ref->uid() != uid) continue;
    if (ref && match) {
      out.push_back(rs);
      continue;
    }
    if (rs->metadata().has_deletiontimestamp()) continue;
    if (ref) {
      if (deleting) continue;
      ReplicaSet released = *rs;
      remove_owner_ref(*released.mutable_metadata(), uid);
      ctx.call([&](auto done) { st.deps.client->update(released, done); },
               [ctx](apiclient::api_reply& r) { fail_unless_ok(ctx, r, "release"); });
      continue;
    }
    if (!match || deleting) continue;
    ReplicaSet adopted = *rs;
    *adopted.mutable_metadata()->add_ownerreferences() = make_controller_ref(d);
    ctx.call([&](auto done) { st.deps.client->update(adopted, done); },
             [ctx](apiclient::api_reply& r) { fail_unless_ok(ctx, r, "adoption"); });
    out.push_back(rs);
  }
  return out;
}

std::set<std::string> rs_with_live_pods(controller_state& st, const Deployment& d,
                                        const rs_list& owned) {
  std::set<std::string> uids, out;
  for (const auto* rs : owned)
    uids.insert(rs->metadata().uid());
  for (const auto& obj : st.deps.pods->current()->list(d.metadata().namespace_())) {
    const auto* pod = obj->as<Pod>();
    const auto* ref = pod ? controller_ref(pod->metadata()) : nullptr;
    if (!ref || !uids.count(ref->uid())) continue;
    const auto& phase = pod->status().phase();
    if (phase != "Succeeded" && phase != "Failed") out.insert(ref->uid());
  }
  return out;
}

// AlreadyExists for the new ReplicaSet: ours (the cache lags: its event will bring us back) or a
// hash collision, resolved by counting collisionCount up (a new name on the next sync).
void on_create_conflict(controller_state& st, sync_context ctx, std::shared_ptr<const Deployment> d,
                        const ReplicaSet& wanted) {
  auto key = informer::object_key(wanted.metadata().namespace_(), wanted.metadata().name());
  auto present = st.deps.replicasets->current()->get_as<ReplicaSet>(key);
  if (!present) return ctx.requeue_after(std::chrono::milliseconds(200));
  if (is_controlled_by(present->metadata(), d->metadata().uid()) &&
      equal_ignoring_hash(present->spec().template_(), d->spec().template_()))
    return;
  Deployment next = *d;
  next.mutable_status()->set_collisioncount(d->status().collisioncount() + 1);
  st.deps.log->info("deployment {}: hash collision with {}, collisionCount {}", ctx.key(),
                    wanted.metadata().name(), next.status().collisioncount());
  ctx.call([&](auto done) { st.deps.client->update_status(next, done); },
           [ctx](apiclient::api_reply& r) { fail_unless_ok(ctx, r, "collision count"); });
}

void write_revision(controller_state& st, sync_context ctx, const Deployment& d,
                    const std::string& revision) {
  apiclient::object_path path{"apps", "deployments", d.metadata().namespace_(),
                              d.metadata().name()};
  auto body = R"({"metadata":{"annotations":{")" + std::string(revision_annotation) + R"(":")" +
              revision + R"("}}})";
  ctx.call(
      [&](auto done) { st.deps.client->patch(path, "application/merge-patch+json", body, done); },
      [ctx](apiclient::api_reply& r) { fail_unless_ok(ctx, r, "revision"); });
}

// A conflict on the status write (usually our own revision patch or status write the cache
// does not show yet): once more on the fresh object when its spec is the one planned for.
void retry_status(controller_state& st, sync_context ctx, std::shared_ptr<const Deployment> d,
                  const k8s::apps::v1::DeploymentStatus& status,
                  std::optional<std::string> revision) {
  apiclient::object_path path{"apps", "deployments", d->metadata().namespace_(),
                              d->metadata().name()};
  ctx.call([&](auto done) { st.deps.client->get(path, done); },
           [&st, ctx, d, status, revision](apiclient::api_reply& r) mutable {
             auto* fresh = dynamic_cast<Deployment*>(r.object.get());
             if (!r.ok() || !fresh) return fail_unless_ok(ctx, r, "status");
             // A newer spec: the event it made brings a sync that plans for it.
             if (fresh->metadata().generation() != d->metadata().generation()) return;
             *fresh->mutable_status() = status;
             ctx.call([&](auto done) { st.deps.client->update_status(*fresh, done); },
                      [&st, ctx, d, revision](apiclient::api_reply& r2) {
                        fail_unless_ok(ctx, r2, "status");
                        if (r2.ok() && revision) write_revision(st, ctx, *d, *revision);
                      });
           });
}

void execute(controller_state& st, sync_context& ctx, std::shared_ptr<const Deployment> d,
             deployment_plan& plan) {
  if (plan.create) {
    ReplicaSet wanted = *plan.create;
    ctx.call([&](auto done) { st.deps.client->create(wanted, done); },
             [&st, ctx, d, wanted](apiclient::api_reply& r) mutable {
               if (r.already_exists()) return on_create_conflict(st, ctx, d, wanted);
               fail_unless_ok(ctx, r, "create replica set " + wanted.metadata().name());
             });
  }
  for (const auto& rs : plan.updates)
    ctx.call([&](auto done) { st.deps.client->update(rs, done); },
             [ctx, name = rs.metadata().name()](apiclient::api_reply& r) {
               fail_unless_ok(ctx, r, "update replica set " + name);
             });
  for (const auto* rs : plan.deletes) {
    apiclient::delete_options o;
    o.precondition_uid = rs->metadata().uid();
    apiclient::object_path path{"apps", "replicasets", rs->metadata().namespace_(),
                                rs->metadata().name()};
    ctx.call([&](auto done) { st.deps.client->remove(path, o, done); },
             [ctx](apiclient::api_reply& r) { fail_unless_ok(ctx, r, "history cleanup"); });
  }
  if (st.deps.events)
    for (auto& message : plan.events)
      st.deps.events->record(*d, "Normal", "ScalingReplicaSet", std::move(message));
  if (plan.requeue_after) ctx.requeue_after(*plan.requeue_after);
  auto revision = plan.revision;
  if (plan.status) {
    Deployment next = *d;
    *next.mutable_status() = *plan.status;
    // The revision patch follows the status write: both on one resourceVersion would conflict.
    ctx.call([&](auto done) { st.deps.client->update_status(next, done); },
             [&st, ctx, d, revision, status = *plan.status](apiclient::api_reply& r) {
               if (r.conflict()) return retry_status(st, ctx, d, status, revision);
               fail_unless_ok(ctx, r, "status");
               if (r.ok() && revision) write_revision(st, ctx, *d, *revision);
             });
  } else if (revision) {
    write_revision(st, ctx, *d, *revision);
  }
}

}  // namespace

void sync_deployment(controller_state& st, sync_context& ctx) {
  auto d = st.deps.deployments->current()->get_as<Deployment>(ctx.key());
  if (!d) return;
  auto snap = st.deps.replicasets->current();
  auto owned = claim_replicasets(st, ctx, *d, snap->list(d->metadata().namespace_()));
  plan_input in{d.get(), owned, {}, messages::now()};
  if (d->spec().strategy().type() == "Recreate")
    in.rs_with_live_pods = rs_with_live_pods(st, *d, owned);
  auto plan = plan_deployment(in);
  execute(st, ctx, d, plan);
}

}  // namespace kactor::controllers::deployment
