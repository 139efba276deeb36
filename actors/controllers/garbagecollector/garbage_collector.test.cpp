#include "actors/controllers/garbagecollector/garbage_collector.hpp"

#include <doctest/doctest.h>

#include "actors/controllers/testing/controller_world.hpp"
#include "k8s/core/v1/config.pb.h"

using namespace kactor;
using namespace kactor::controllers;
using k8s::core::v1::ConfigMap;

namespace {

bool has(const std::vector<gc::watched_resource>& v, const std::string& group,
         const std::string& resource) {
  return std::any_of(v.begin(), v.end(),
                     [&](const auto& r) { return r.group == group && r.resource == resource; });
}

struct gc_world : test_support::controller_world {
  caf::actor collector;

  gc_world() {
    gc::gc_deps deps{gc::collectable_resources(), client, nullptr};
    for (auto& r : deps.resources)
      r.cache = std::make_shared<informer::cache>();
    auto resources = deps.resources;
    collector = gc::spawn_garbage_collector(f.sys, {}, std::move(deps));
    actors.push_back(collector);
    for (const auto& r : resources) {
      informer::informer_options io;
      io.group = r.group;
      io.resource = r.resource;
      io.listeners = {collector};
      auto inf =
          informer::spawn_informer(f.sys, io, {f.open(false), f.open(true), r.cache, nullptr});
      REQUIRE(inf);
      actors.push_back(*inf);
    }
  }

  // Creates ConfigMap `name`, owned by `owner` (uid and name) when it is not empty.
  std::string config_map(const std::string& name, const std::string& owner_name = "",
                         const std::string& owner_uid = "", bool block = true) {
    ConfigMap cm;
    cm.mutable_metadata()->set_name(name);
    cm.mutable_metadata()->set_namespace_("default");
    if (!owner_uid.empty()) {
      auto* ref = cm.mutable_metadata()->add_ownerreferences();
      ref->set_apiversion("v1");
      ref->set_kind("ConfigMap");
      ref->set_name(owner_name);
      ref->set_uid(owner_uid);
      ref->set_blockownerdeletion(block);
    }
    auto r = f.call([&](auto done) { client->create(cm, done); });
    REQUIRE_MESSAGE(r.ok(), r.describe());
    return dynamic_cast<ConfigMap&>(*r.object).metadata().uid();
  }
  apiclient::api_reply remove(const std::string& name, const std::string& policy) {
    apiclient::delete_options d;
    d.propagation_policy = policy;
    return f.call([&](auto done) { client->remove({"", "configmaps", "default", name}, d, done); });
  }
  bool gone(const std::string& name) { return get("", "configmaps", name).not_found(); }
};

}  // namespace

TEST_CASE("collectable_resources: the workload resources and more, not events") {
  auto all = gc::collectable_resources();
  CHECK(has(all, "apps", "deployments"));
  CHECK(has(all, "apps", "replicasets"));
  CHECK(has(all, "", "pods"));
  CHECK(has(all, "", "configmaps"));
  CHECK(has(all, "", "secrets"));
  CHECK(has(all, "", "services"));
  CHECK(has(all, "batch", "jobs"));
  CHECK(!has(all, "", "events"));
  CHECK(!has(all, "", "bindings"));
}

TEST_CASE("garbage collector: background, orphan and foreground deletion") {
  gc_world w;
  auto keeper = w.config_map("keeper");
  w.config_map("kept", "keeper", keeper);
  w.config_map("ghost-child", "ghost", "no-such-uid");
  {  // owned by the live keeper and by a ghost: only the ghost's reference goes
    ConfigMap shared;
    shared.mutable_metadata()->set_name("shared");
    shared.mutable_metadata()->set_namespace_("default");
    for (auto [name, uid] :
         {std::pair{"keeper", keeper}, std::pair{"ghost", std::string("nope")}}) {
      auto* ref = shared.mutable_metadata()->add_ownerreferences();
      ref->set_apiversion("v1");
      ref->set_kind("ConfigMap");
      ref->set_name(name);
      ref->set_uid(uid);
    }
    REQUIRE(w.f.call([&](auto done) { w.client->create(shared, done); }).ok());
  }

  // Background: the owner goes at once, its dependent after it.
  auto owner = w.config_map("owner");
  w.config_map("child", "owner", owner);
  REQUIRE(w.remove("owner", "Background").ok());
  CHECK(kactor::testing::cluster_fixture::eventually([&] { return w.gone("child"); }));

  // Orphan: the dependent stays, without its reference; then the owner goes.
  auto parent = w.config_map("parent");
  w.config_map("orphan", "parent", parent);
  REQUIRE(w.remove("parent", "Orphan").ok());
  CHECK(kactor::testing::cluster_fixture::eventually([&] { return w.gone("parent"); }));
  auto orphan = w.get("", "configmaps", "orphan");
  REQUIRE(orphan.ok());
  CHECK(dynamic_cast<ConfigMap&>(*orphan.object).metadata().ownerreferences_size() == 0);

  // Foreground: the dependent goes first, then the owner.
  auto front = w.config_map("front");
  w.config_map("blocker", "front", front);
  REQUIRE(w.remove("front", "Foreground").ok());
  auto deleting = w.get("", "configmaps", "front");
  if (deleting.ok())  // still there, waiting for its dependent
    CHECK(dynamic_cast<ConfigMap&>(*deleting.object).metadata().has_deletiontimestamp());
  CHECK(kactor::testing::cluster_fixture::eventually(
      [&] { return w.gone("blocker") && w.gone("front"); }));

  // A dependent whose owner never existed goes; one with a live owner stays.
  CHECK(kactor::testing::cluster_fixture::eventually([&] { return w.gone("ghost-child"); }));
  CHECK(w.get("", "configmaps", "kept").ok());
  CHECK(kactor::testing::cluster_fixture::eventually([&] {
    auto r = w.get("", "configmaps", "shared");
    if (!r.ok()) return false;
    const auto& refs = dynamic_cast<ConfigMap&>(*r.object).metadata().ownerreferences();
    return refs.size() == 1 && refs[0].name() == "keeper";
  }));
}
