#include "actors/controllers/garbagecollector/gc_work.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "actors/controllers/common/ownership.hpp"
#include "messages/registry.hpp"

namespace kactor::controllers::gc {

namespace {

apiclient::object_path path_of(const gc_state& st, const gc_object& o) {
  const auto& r = st.deps.resources[o.resource];
  return {r.group, r.resource, o.object->ns, o.object->name};
}

std::string describe(const gc_state& st, const gc_object& o) {
  const auto& r = st.deps.resources[o.resource];
  return r.resource + " " + o.object->key();
}

void fail_unless_ok(sync_context ctx, const apiclient::api_reply& r, const std::string& what) {
  if (!r.ok() && !r.not_found()) ctx.fail(what + ": " + r.describe());
}

void remove(gc_state& st, sync_context& ctx, const gc_object& o, std::string policy) {
  apiclient::delete_options d;
  d.precondition_uid = o.meta->uid();
  d.propagation_policy = std::move(policy);
  auto what = "delete " + describe(st, o);
  st.deps.log->debug("garbage collector: {} ({})", what,
                     d.propagation_policy.empty() ? "default" : d.propagation_policy);
  ctx.call([&](auto done) { st.deps.client->remove(path_of(st, o), d, done); },
           [ctx, what](apiclient::api_reply& r) { fail_unless_ok(ctx, r, what); });
}

// Writes a copy of `o` changed by `edit`; `then` runs after a successful write.
template <class Edit>
void update(gc_state& st, sync_context& ctx, const gc_object& o, Edit edit,
            std::function<void(sync_context&)> then = {}) {
  std::shared_ptr<google::protobuf::Message> copy(o.object->message->New());
  copy->CopyFrom(*o.object->message);
  edit(*mutable_metadata_of(*copy));
  auto what = "update " + describe(st, o);
  ctx.call([&](auto done) { st.deps.client->update(*copy, done); },
           [ctx, what, then](apiclient::api_reply& r) mutable {
             fail_unless_ok(ctx, r, what);
             if (r.ok() && then) then(ctx);
           });
}

// Removes `finalizer` from the owner; when none is left, deletes it (the gateway does not
// delete an object whose last finalizer went away).
void finish_owner(gc_state& st, sync_context& ctx, const gc_object& owner,
                  std::string_view finalizer) {
  bool last = owner.meta->finalizers_size() == 1;
  auto owner_copy = owner;
  update(
      st, ctx, owner,
      [&](k8s::meta::v1::ObjectMeta& m) {
        auto* f = m.mutable_finalizers();
        f->erase(std::remove(f->begin(), f->end(), finalizer), f->end());
      },
      [&st, owner_copy, last](sync_context& c) {
        if (last) remove(st, c, owner_copy, "");
      });
}

// When every absent owner is confirmed gone: delete the dependent if it had no other owner,
// else remove its references to the gone owners.
void collect(gc_state& st, sync_context& ctx, const owned_item& item) {
  const auto& subject = item.subject;
  if (item.absent.size() == static_cast<std::size_t>(subject.meta->ownerreferences_size()))
    return remove(st, ctx, subject, "Background");
  auto gone = item.absent;
  update(st, ctx, subject, [&](k8s::meta::v1::ObjectMeta& m) {
    for (const auto& uid : gone)
      remove_owner_ref(m, uid);
  });
}

void verify_owners(gc_state& st, sync_context& ctx, const owned_item& item) {
  struct tally {
    int left = 0;
    bool all_gone = true;
  };
  auto t = std::make_shared<tally>();
  const auto& subject = item.subject;
  const auto& registry = messages::registry::generated();
  std::vector<std::pair<const messages::resource_info*, const k8s::meta::v1::OwnerReference*>>
      lookups;
  for (const auto& ref : subject.meta->ownerreferences()) {
    if (std::find(item.absent.begin(), item.absent.end(), ref.uid()) == item.absent.end()) continue;
    const auto* info = registry.find_resource_for_kind(ref.apiversion(), ref.kind());
    if (!info) return;  // an owner we cannot look up: never collect on a guess
    lookups.emplace_back(info, &ref);
  }
  t->left = static_cast<int>(lookups.size());
  for (const auto& [info, ref] : lookups) {
    apiclient::object_path path{info->group, info->plural,
                                info->namespaced ? subject.object->ns : "", ref->name()};
    ctx.call([&](auto done) { st.deps.client->get(path, done); },
             [&st, ctx, t, item, uid = ref->uid()](apiclient::api_reply& r) mutable {
               const auto* meta = r.ok() && r.object ? metadata_of(*r.object) : nullptr;
               if (r.ok() && meta && meta->uid() == uid) t->all_gone = false;
               if (!r.ok() && !r.not_found()) {
                 t->all_gone = false;
                 ctx.fail("owner lookup: " + r.describe());
               }
               if (--t->left == 0 && t->all_gone) collect(st, ctx, item);
             });
  }
}

void orphan_dependents(gc_state& st, sync_context& ctx, const owned_item& item) {
  const auto& uid = item.subject.meta->uid();
  for (const auto& d : item.dependents)
    update(st, ctx, d, [&](k8s::meta::v1::ObjectMeta& m) { remove_owner_ref(m, uid); });
  if (item.dependents.empty()) finish_owner(st, ctx, item.subject, "orphan");
}

void delete_dependents(gc_state& st, sync_context& ctx, const owned_item& item) {
  const auto& uid = item.subject.meta->uid();
  for (std::size_t i = 0; i < item.dependents.size(); ++i) {
    const auto& d = item.dependents[i];
    if (item.has_other_owner[i])
      update(st, ctx, d, [&](k8s::meta::v1::ObjectMeta& m) { remove_owner_ref(m, uid); });
    else if (!d.meta->has_deletiontimestamp())
      remove(st, ctx, d, item.is_owner[i] ? "Foreground" : "Background");
  }
  if (!item.blocked) finish_owner(st, ctx, item.subject, "foregroundDeletion");
}

}  // namespace

owned_item own(const gc_item& item) {
  owned_item out;
  out.work = item.work;
  out.subject = *item.subject;
  for (const auto* d : item.dependents)
    out.dependents.push_back(*d);
  out.blocked = item.blocked;
  out.has_other_owner = item.has_other_owner;
  out.is_owner = item.is_owner;
  out.absent = item.absent;
  return out;
}

void run_work(gc_state& st, sync_context& ctx) {
  auto it = st.pending.find(ctx.key());
  if (it == st.pending.end()) return;
  auto item = std::move(it->second);
  st.pending.erase(it);
  switch (item.work) {
    case gc_work::verify_owners:
      return verify_owners(st, ctx, item);
    case gc_work::orphan_dependents:
      return orphan_dependents(st, ctx, item);
    case gc_work::delete_dependents:
      return delete_dependents(st, ctx, item);
  }
}

}  // namespace kactor::controllers::gc
