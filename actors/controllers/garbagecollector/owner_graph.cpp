#include "actors/controllers/garbagecollector/owner_graph.hpp"

#include <algorithm>
#include <map>

namespace kactor::controllers::gc {

namespace {

bool has_finalizer(const k8s::meta::v1::ObjectMeta& meta, std::string_view f) {
  return std::find(meta.finalizers().begin(), meta.finalizers().end(), f) !=
         meta.finalizers().end();
}

}  // namespace

std::vector<gc_item> plan_gc(const std::vector<gc_object>& objects) {
  std::map<std::string, const gc_object*> by_uid;
  std::map<std::string, std::vector<const gc_object*>> dependents;  // owner uid -> objects
  for (const auto& o : objects) {
    by_uid[o.meta->uid()] = &o;
    for (const auto& ref : o.meta->ownerreferences())
      dependents[ref.uid()].push_back(&o);
  }
  std::vector<gc_item> out;
  for (const auto& o : objects) {
    const auto& meta = *o.meta;
    if (!meta.has_deletiontimestamp()) {
      if (meta.ownerreferences_size() == 0) continue;
      gc_item item{gc_work::verify_owners, &o, {}, false, {}, {}, {}};
      for (const auto& ref : meta.ownerreferences())
        if (!by_uid.count(ref.uid())) item.absent.push_back(ref.uid());
      if (!item.absent.empty()) out.push_back(std::move(item));
      continue;
    }
    auto deps_it = dependents.find(meta.uid());
    std::vector<const gc_object*> deps;
    if (deps_it != dependents.end()) deps = deps_it->second;
    if (has_finalizer(meta, "orphan")) {
      out.push_back({gc_work::orphan_dependents, &o, deps, false, {}, {}, {}});
      continue;
    }
    if (!has_finalizer(meta, "foregroundDeletion")) continue;
    gc_item item{gc_work::delete_dependents, &o, deps, false, {}, {}, {}};
    for (const auto* d : deps) {
      bool other = false;
      for (const auto& ref : d->meta->ownerreferences()) {
        if (ref.uid() == meta.uid()) {
          item.blocked |= ref.blockownerdeletion();
          continue;
        }
        auto owner = by_uid.find(ref.uid());
        other |= owner != by_uid.end() && !owner->second->meta->has_deletiontimestamp();
      }
      item.has_other_owner.push_back(other);
      item.is_owner.push_back(dependents.count(d->meta->uid()) > 0);
    }
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace kactor::controllers::gc
