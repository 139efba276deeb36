#include "actors/controllers/replicaset/replicaset_sync.hpp"

#include <spdlog/spdlog.h>

#include "actors/controllers/common/ownership.hpp"
#include "actors/controllers/common/pod_readiness.hpp"
#include "actors/controllers/replicaset/replica_decisions.hpp"

namespace kactor::controllers::replicaset {

namespace {

using k8s::apps::v1::ReplicaSet;
using k8s::core::v1::Pod;
using rs_ptr = std::shared_ptr<const ReplicaSet>;

// What one sync's manage phase did; `finished` writes the status once every call replied.
struct manage_run {
  manage_error error;
  std::function<void(const manage_error&)> finished;
};

void record(controller_state& st, const ReplicaSet& rs, std::string_view type,
            std::string_view reason, std::string message) {
  if (st.deps.events)
    st.deps.events->record(*owner_object(st.kind, rs), type, reason, std::move(message));
}

// The pods `rs` controls after claiming: owned pods its selector still matches, and orphans it
// matches (adopted: a controller reference is written). Owned pods it no longer matches are
// released (their reference removed).
pod_list claim_pods(controller_state& st, sync_context& ctx, const ReplicaSet& rs,
                    const std::vector<informer::object_ptr>& candidates) {
  pod_list out;
  bool deleting = rs.metadata().has_deletiontimestamp();
  const auto& uid = rs.metadata().uid();
  for (const auto& obj : candidates) {
    const auto* pod = obj->as<Pod>();
    if (!pod) continue;
    const auto* ref = controller_ref(pod->metadata());
    bool match = selects(rs.spec().has_selector() ? &rs.spec().selector() : nullptr,
                         pod->metadata().labels());
    if (ref && ref->uid() != uid) continue;
    if (ref && match) {
      out.push_back(pod);
      continue;
    }
    if (ref && !match) {
      if (deleting || pod->metadata().has_deletiontimestamp()) continue;
      Pod released = *pod;
      remove_owner_ref(*released.mutable_metadata(), uid);
      ctx.call([&](auto done) { st.deps.client->update(released, done); },
               [ctx, name = pod->metadata().name()](apiclient::api_reply& r) mutable {
                 if (!r.ok() && !r.not_found())
                   ctx.fail("release of pod " + name + ": " + r.describe());
               });
      continue;
    }
    if (!match || deleting || pod->metadata().has_deletiontimestamp()) continue;
    Pod adopted = *pod;
    *adopted.mutable_metadata()->add_ownerreferences() = owner_ref(st.kind, rs);
    ctx.call([&](auto done) { st.deps.client->update(adopted, done); },
             [ctx, name = pod->metadata().name()](apiclient::api_reply& r) mutable {
               if (!r.ok() && !r.not_found())
                 ctx.fail("adoption of pod " + name + ": " + r.describe());
             });
    out.push_back(pod);
  }
  return out;
}

void create_batches(controller_state& st, sync_context ctx, rs_ptr rs, std::vector<int> batches,
                    std::size_t index, std::shared_ptr<manage_run> run) {
  if (index == batches.size() || !run->error.reason.empty()) {
    for (auto i = index; i < batches.size(); ++i)  // skipped: never to be observed
      for (int n = 0; n < batches[i]; ++n)
        st.expected.creation_observed(ctx.key());
    return run->finished(run->error);
  }
  auto left = std::make_shared<int>(batches[index]);
  for (int n = 0; n < batches[index]; ++n) {
    auto pod = pod_from_template(*rs);
    pod.mutable_metadata()->clear_ownerreferences();
    *pod.mutable_metadata()->add_ownerreferences() = owner_ref(st.kind, *rs);
    ctx.call([&](auto done) { st.deps.client->create(pod, done); },
             [&st, ctx, rs, batches, index, run, left](apiclient::api_reply& r) mutable {
               if (r.ok()) {
                 const auto* created = dynamic_cast<const Pod*>(r.object.get());
                 record(st, *rs, "Normal", "SuccessfulCreate",
                        "Created pod: " + (created ? created->metadata().name() : std::string{}));
               } else {
                 st.expected.creation_observed(ctx.key());
                 run->error = {"FailedCreate", r.message.empty() ? r.describe() : r.message};
                 record(st, *rs, "Warning", "FailedCreate", "Error creating: " + r.message);
                 ctx.fail("create: " + r.describe());
               }
               if (--*left == 0) create_batches(st, ctx, rs, batches, index + 1, run);
             });
  }
}

void delete_pods(controller_state& st, sync_context ctx, rs_ptr rs, const pod_list& victims,
                 std::shared_ptr<manage_run> run) {
  auto left = std::make_shared<std::size_t>(victims.size());
  for (const auto* pod : victims) {
    apiclient::delete_options d;
    d.precondition_uid = pod->metadata().uid();
    apiclient::object_path path{"", "pods", pod->metadata().namespace_(), pod->metadata().name()};
    ctx.call([&](auto done) { st.deps.client->remove(path, d, done); },
             [&st, ctx, rs, run, left, uid = pod->metadata().uid(),
              name = pod->metadata().name()](apiclient::api_reply& r) mutable {
               if (r.ok()) {
                 record(st, *rs, "Normal", "SuccessfulDelete", "Deleted pod: " + name);
               } else if (!r.not_found()) {
                 st.expected.deletion_observed(ctx.key(), uid);
                 run->error = {"FailedDelete", r.message.empty() ? r.describe() : r.message};
                 record(st, *rs, "Warning", "FailedDelete", "Error deleting: " + r.message);
                 ctx.fail("delete: " + r.describe());
               }
               if (--*left == 0) run->finished(run->error);
             });
  }
}

// Creates or deletes pods toward spec.replicas; calls run->finished once every call replied.
void manage_replicas(controller_state& st, sync_context& ctx, rs_ptr rs, const pod_list& active,
                     std::shared_ptr<manage_run> run) {
  int want = rs->spec().has_replicas() ? rs->spec().replicas() : 1;
  int diff = static_cast<int>(active.size()) - want;
  auto now = steady::now();
  if (diff < 0) {
    int creations = std::min(-diff, burst_replicas);
    st.expected.expect(ctx.key(), creations, {}, now);
    st.deps.log->debug("replicaset {}: creating {} pods", ctx.key(), creations);
    return create_batches(st, ctx, rs, slow_start_batches(creations), 0, run);
  }
  if (diff > 0) {
    auto victims = pods_to_delete(active, std::min(diff, burst_replicas));
    std::vector<std::string> uids;
    for (const auto* p : victims)
      uids.push_back(p->metadata().uid());
    st.expected.expect(ctx.key(), 0, uids, now);
    st.deps.log->debug("replicaset {}: deleting {} pods", ctx.key(), victims.size());
    return delete_pods(st, ctx, rs, victims, run);
  }
  run->finished(run->error);
}

// A conflict on the status write (our own previous status write, usually): once more on the
// fresh object, as Kubernetes does, before failing the sync.
void retry_status(controller_state& st, sync_context ctx,
                  const k8s::apps::v1::ReplicaSetStatus& status) {
  auto slash = ctx.key().find('/');
  apiclient::object_path path{st.kind.group, st.kind.resource, ctx.key().substr(0, slash),
                              ctx.key().substr(slash + 1)};
  ctx.call([&](auto done) { st.deps.client->get(path, done); },
           [&st, ctx, status](apiclient::api_reply& r) mutable {
             auto* fresh = r.object.get();
             if (!r.ok() || !fresh) return ctx.fail("status: " + r.describe());
             set_status(*fresh, status);
             ctx.call([&](auto done) { st.deps.client->update_status(*fresh, done); },
                      [ctx](apiclient::api_reply& r2) mutable {
                        if (!r2.ok() && !r2.not_found()) ctx.fail("status: " + r2.describe());
                      });
           });
}

void write_status(controller_state& st, sync_context ctx, const rs_ptr& rs, const pod_list& active,
                  const manage_error& error) {
  auto now = messages::now();
  auto status = compute_status(*rs, active, error, now);
  int want = rs->spec().has_replicas() ? rs->spec().replicas() : 1;
  int min_ready = rs->spec().minreadyseconds();
  if (min_ready > 0 && status.readyreplicas() == want && status.availablereplicas() != want)
    ctx.requeue_after(std::chrono::seconds(min_ready));
  if (!status_differs(rs->status(), status)) return;
  std::shared_ptr<const google::protobuf::Message> next = owner_object(st.kind, *rs, &status);
  ctx.call([&](auto done) { st.deps.client->update_status(*next, done); },
           [&st, ctx, status](apiclient::api_reply& r) mutable {
             if (r.conflict()) return retry_status(st, ctx, status);
             if (!r.ok() && !r.not_found()) ctx.fail("status: " + r.describe());
           });
}

}  // namespace

void sync_replicaset(controller_state& st, sync_context& ctx) {
  auto obj = st.deps.replicasets->current()->get(ctx.key());
  auto rs = obj ? as_replica_set(*obj) : nullptr;
  if (!rs) {
    st.expected.forget(ctx.key());
    return;
  }
  auto pods_snap = st.deps.pods->current();
  auto candidates = pods_snap->list(rs->metadata().namespace_());
  auto owned = claim_pods(st, ctx, *rs, candidates);
  auto active = std::make_shared<pod_list>();
  for (const auto* p : owned)
    if (is_pod_active(*p)) active->push_back(p);
  auto run = std::make_shared<manage_run>();
  run->finished = [&st, ctx, rs, active, pods_snap](const manage_error& error) {
    write_status(st, ctx, rs, *active, error);
  };
  bool satisfied = st.expected.satisfied(ctx.key(), steady::now());
  if (!satisfied || rs->metadata().has_deletiontimestamp()) return run->finished({});
  manage_replicas(st, ctx, rs, *active, run);
}

}  // namespace kactor::controllers::replicaset
