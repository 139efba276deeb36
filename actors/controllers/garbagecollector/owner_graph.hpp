#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "actors/informer/cached_object.hpp"
#include "k8s/meta/v1/object_meta.pb.h"

// The garbage collector's decisions as a pure function of every watched object: which
// dependents may have lost all their owners, which owners wait for their dependents to be
// orphaned or deleted. Everything is keyed by uid (an object recreated under the same name
// has a new uid and owns nothing of its predecessor).
namespace kactor::controllers::gc {

// One API object as the collector sees it.
struct gc_object {
  std::size_t resource = 0;  // index into the collector's list of watched resources
  informer::object_ptr object;
  const k8s::meta::v1::ObjectMeta* meta = nullptr;  // of `object`'s message
  bool namespaced = false;
};

enum class gc_work {
  // A dependent with owners that are not in the caches (`absent`): each of those is checked
  // with a fresh read; when all of them are gone, the dependent is deleted (Background) if it
  // had no other owner, otherwise only the references to the gone owners are removed.
  verify_owners,
  // An owner being deleted with the "orphan" finalizer: remove the ownerReferences to it from
  // its dependents, then the finalizer.
  orphan_dependents,
  // An owner being deleted with "foregroundDeletion": delete its dependents (those with other
  // live owners only lose the reference), then, once no dependent that blocks owner deletion
  // is left, remove the finalizer.
  delete_dependents,
};

struct gc_item {
  gc_work work = gc_work::verify_owners;
  const gc_object* subject = nullptr;        // the dependent, or the owner being deleted
  std::vector<const gc_object*> dependents;  // orphan/delete: objects referring to subject
  bool blocked = false;  // delete_dependents: a dependent with blockOwnerDeletion remains
  // delete_dependents: per dependent, true when another owner of it is alive (not deleting).
  std::vector<bool> has_other_owner;
  // delete_dependents: per dependent, true when it owns objects itself (deleted in foreground).
  std::vector<bool> is_owner;
  // verify_owners: the uids of the subject's owners that are not in the caches.
  std::vector<std::string> absent;
};

// The work for the current state of every watched object. Objects with a deletionTimestamp
// and no GC finalizer are left alone (their deletion is under way); a dependent with some
// owners present and others absent keeps living; only its references to gone owners go.
std::vector<gc_item> plan_gc(const std::vector<gc_object>& objects);

}  // namespace kactor::controllers::gc
