#include "actors/controllers/garbagecollector/owner_graph.hpp"

#include <doctest/doctest.h>

#include "k8s/core/v1/config.pb.h"
#include "messages/time.hpp"

using namespace kactor;
using namespace kactor::controllers::gc;

namespace {

// A ConfigMap stands for any object: the graph only reads metadata.
struct world {
  std::vector<std::shared_ptr<informer::cached_object>> held;
  std::vector<gc_object> objects;

  k8s::meta::v1::ObjectMeta& add(const std::string& uid) {
    auto cm = std::make_shared<k8s::core::v1::ConfigMap>();
    cm->mutable_metadata()->set_name(uid);
    cm->mutable_metadata()->set_uid(uid);
    auto obj = std::make_shared<informer::cached_object>();
    obj->name = uid;
    obj->message = cm;
    held.push_back(obj);
    return *cm->mutable_metadata();
  }
  std::vector<gc_item> plan() {
    objects.clear();
    for (const auto& h : held) {
      const auto* cm = h->as<k8s::core::v1::ConfigMap>();
      objects.push_back({0, h, &cm->metadata(), true});
    }
    return plan_gc(objects);
  }
};

void owned_by(k8s::meta::v1::ObjectMeta& m, const std::string& owner, bool block) {
  auto* ref = m.add_ownerreferences();
  ref->set_uid(owner);
  ref->set_name(owner);
  ref->set_kind("ConfigMap");
  ref->set_apiversion("v1");
  if (block) ref->set_blockownerdeletion(true);
}

void deleting(k8s::meta::v1::ObjectMeta& m, const std::string& finalizer) {
  *m.mutable_deletiontimestamp() = messages::to_time({1, 0});
  if (!finalizer.empty()) m.add_finalizers(finalizer);
}

}  // namespace

TEST_CASE("plan_gc: dependents with owners missing from the caches are verified") {
  world w;
  w.add("deploy");
  owned_by(w.add("rs"), "deploy", true);
  owned_by(w.add("orphaned-pod"), "gone-rs", true);
  auto& mixed = w.add("mixed");
  owned_by(mixed, "deploy", false);
  owned_by(mixed, "gone-rs", false);
  auto items = w.plan();
  REQUIRE(items.size() == 2);
  CHECK(items[0].work == gc_work::verify_owners);
  CHECK(items[0].subject->meta->uid() == "orphaned-pod");
  CHECK(items[0].absent == std::vector<std::string>{"gone-rs"});
  CHECK(items[1].subject->meta->uid() == "mixed");  // keeps "deploy"; "gone-rs" is checked
  CHECK(items[1].absent == std::vector<std::string>{"gone-rs"});
}

TEST_CASE("plan_gc: an owner with the orphan finalizer lists its dependents") {
  world w;
  deleting(w.add("deploy"), "orphan");
  owned_by(w.add("rs"), "deploy", true);
  auto items = w.plan();
  REQUIRE(items.size() == 1);
  CHECK(items[0].work == gc_work::orphan_dependents);
  REQUIRE(items[0].dependents.size() == 1);
  CHECK(items[0].dependents[0]->meta->uid() == "rs");
}

TEST_CASE("plan_gc: foreground deletion: blocking dependents, other owners, nested owners") {
  world w;
  deleting(w.add("deploy"), "foregroundDeletion");
  w.add("other");
  owned_by(w.add("rs"), "deploy", true);
  auto& shared = w.add("shared");
  owned_by(shared, "deploy", false);
  owned_by(shared, "other", false);
  owned_by(w.add("pod"), "rs", true);
  auto items = w.plan();
  REQUIRE(items.size() == 1);
  const auto& item = items[0];
  CHECK(item.work == gc_work::delete_dependents);
  CHECK(item.blocked);
  REQUIRE(item.dependents.size() == 2);
  CHECK(item.dependents[0]->meta->uid() == "rs");
  CHECK(item.is_owner == std::vector<bool>{true, false});
  CHECK(item.has_other_owner == std::vector<bool>{false, true});

  world done;
  deleting(done.add("deploy"), "foregroundDeletion");
  owned_by(done.add("loose"), "deploy", false);
  items = done.plan();
  REQUIRE(items.size() == 1);
  CHECK(!items[0].blocked);  // nothing blocks: the finalizer may go
}

TEST_CASE("plan_gc: objects being deleted without GC finalizers are left alone") {
  world w;
  auto& pod = w.add("pod");
  owned_by(pod, "gone", true);
  deleting(pod, "");
  CHECK(w.plan().empty());
}
