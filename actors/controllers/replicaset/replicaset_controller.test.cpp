#include "actors/controllers/replicaset/replicaset_controller.hpp"

#include <doctest/doctest.h>

#include <caf/send.hpp>

#include "actors/controllers/common/ownership.hpp"
#include "actors/informer/informer.hpp"
#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "messages/time.hpp"
#include "tests/support/cluster_fixture.hpp"

using namespace kactor;
using namespace std::chrono_literals;
using k8s::apps::v1::ReplicaSet;
using k8s::core::v1::Pod;

namespace {

ReplicaSet replicaset(const std::string& name, int replicas) {
  ReplicaSet rs;
  rs.mutable_metadata()->set_name(name);
  rs.mutable_metadata()->set_namespace_("default");
  rs.mutable_spec()->set_replicas(replicas);
  (*rs.mutable_spec()->mutable_selector()->mutable_matchlabels())["app"] = name;
  auto* t = rs.mutable_spec()->mutable_template_();
  (*t->mutable_metadata()->mutable_labels())["app"] = name;
  auto* c = t->mutable_spec()->add_containers();
  c->set_name("main");
  c->set_image("host");
  c->add_command("sleep");
  c->add_args("3600");
  return rs;
}

struct rs_world {
  testing::cluster_fixture f;
  std::shared_ptr<apiclient::api_client> client = f.client("replicaset-controller");
  std::shared_ptr<informer::cache> replicasets = std::make_shared<informer::cache>();
  std::shared_ptr<informer::cache> pods = std::make_shared<informer::cache>();
  caf::actor controller;
  std::vector<caf::actor> informers;

  rs_world() {
    controllers::replicaset::replicaset_deps deps{
        replicasets, pods, client,
        std::make_shared<apiclient::event_recorder>(client, "replicaset-controller"), nullptr};
    controller = controllers::replicaset::spawn_replicaset_controller(f.sys, {}, deps);
    for (auto [group, resource, cache] :
         {std::tuple{"apps", "replicasets", replicasets}, std::tuple{"", "pods", pods}}) {
      informer::informer_options io;
      io.group = group;
      io.resource = resource;
      io.listeners = {controller};
      auto inf = informer::spawn_informer(f.sys, io, {f.open(false), f.open(true), cache, nullptr});
      REQUIRE(inf);
      informers.push_back(*inf);
    }
  }
  ~rs_world() {
    caf::anon_send_exit(controller, caf::exit_reason::user_shutdown);
    for (auto& i : informers)
      caf::anon_send_exit(i, caf::exit_reason::user_shutdown);
  }

  // The pods of the cache controlled by `uid`, being deleted or not.
  std::vector<std::shared_ptr<const Pod>> owned(const std::string& uid) {
    std::vector<std::shared_ptr<const Pod>> out;
    for (const auto& obj : pods->current()->list("default"))
      if (controllers::is_controlled_by(obj->as<Pod>()->metadata(), uid))
        out.push_back(std::shared_ptr<const Pod>(obj, obj->as<Pod>()));
    return out;
  }
  std::shared_ptr<ReplicaSet> get_rs(const std::string& name) {
    auto r = f.call([&](auto done) {
      client->get({"apps", "replicasets", "default", name}, done);
    });
    if (!r.ok()) return nullptr;
    return std::dynamic_pointer_cast<ReplicaSet>(r.object);
  }
  // Plays kubelet: the pod runs and is ready.
  void make_ready(const Pod& pod) {
    Pod p = pod;
    p.mutable_status()->set_phase("Running");
    auto* c = p.mutable_status()->add_conditions();
    c->set_type("Ready");
    c->set_status("True");
    *c->mutable_lasttransitiontime() = messages::to_time(messages::now());
    auto r = f.call([&](auto done) { client->update_status(p, done); });
    CHECK_MESSAGE(r.ok(), r.describe());
  }
};

}  // namespace

TEST_CASE("replicaset: creates pods, replaces a deleted one, counts ready, scales down, adopts") {
  rs_world w;
  auto created = w.f.call([&](auto done) { w.client->create(replicaset("web", 3), done); });
  REQUIRE_MESSAGE(created.ok(), created.describe());
  auto uid = dynamic_cast<ReplicaSet&>(*created.object).metadata().uid();

  REQUIRE(testing::cluster_fixture::eventually([&] { return w.owned(uid).size() == 3; }));
  for (const auto& p : w.owned(uid)) {
    CHECK(p->metadata().name().rfind("web-", 0) == 0);
    CHECK(p->metadata().name().size() == 9);
    CHECK(p->metadata().labels().at("app") == "web");
    const auto* ref = controllers::controller_ref(p->metadata());
    REQUIRE(ref);
    CHECK(ref->kind() == "ReplicaSet");
    CHECK(ref->name() == "web");
    CHECK(ref->blockownerdeletion());
  }
  CHECK(testing::cluster_fixture::eventually([&] {
    auto rs = w.get_rs("web");
    return rs && rs->status().replicas() == 3 && rs->status().observedgeneration() == 1 &&
           rs->status().fullylabeledreplicas() == 3;
  }));

  // A deleted pod is replaced.
  auto victim = w.owned(uid).front()->metadata().name();
  REQUIRE(w.f.call([&](auto done) {
               w.client->remove({"", "pods", "default", victim}, {}, done);
             })
              .ok());
  CHECK(testing::cluster_fixture::eventually([&] {
    auto pods = w.owned(uid);
    return pods.size() == 3 && std::none_of(pods.begin(), pods.end(), [&](const auto& p) {
             return p->metadata().name() == victim;
           });
  }));

  // The test plays kubelet: ready pods are counted.
  for (const auto& p : w.owned(uid))
    w.make_ready(*p);
  CHECK(testing::cluster_fixture::eventually([&] {
    auto rs = w.get_rs("web");
    return rs && rs->status().readyreplicas() == 3 && rs->status().availablereplicas() == 3;
  }));

  // Scale down to 1: two pods go.
  auto rs = w.get_rs("web");
  REQUIRE(rs);
  rs->mutable_spec()->set_replicas(1);
  REQUIRE(w.f.call([&](auto done) { w.client->update(*rs, done); }).ok());
  CHECK(testing::cluster_fixture::eventually([&] {
    auto now = w.get_rs("web");
    return w.owned(uid).size() == 1 && now && now->status().replicas() == 1 &&
           now->status().observedgeneration() == 2;
  }));
  auto survivor = w.owned(uid).front()->metadata().name();

  // An orphan the selector matches is adopted, and being Pending it is the surplus deleted.
  Pod orphan;
  orphan.mutable_metadata()->set_name("stray");
  orphan.mutable_metadata()->set_namespace_("default");
  (*orphan.mutable_metadata()->mutable_labels())["app"] = "web";
  auto* c = orphan.mutable_spec()->add_containers();
  c->set_name("main");
  c->set_image("host");
  REQUIRE(w.f.call([&](auto done) { w.client->create(orphan, done); }).ok());
  CHECK(testing::cluster_fixture::eventually([&] {
    auto gone = !w.pods->current()->get("default/stray");
    auto pods = w.owned(uid);
    return gone && pods.size() == 1 && pods.front()->metadata().name() == survivor;
  }));
}

TEST_CASE("replicaset: pods count as available only after minReadySeconds") {
  rs_world w;
  auto rs = replicaset("slow", 2);
  rs.mutable_spec()->set_minreadyseconds(1);
  auto created = w.f.call([&](auto done) { w.client->create(rs, done); });
  REQUIRE_MESSAGE(created.ok(), created.describe());
  auto uid = dynamic_cast<ReplicaSet&>(*created.object).metadata().uid();
  REQUIRE(testing::cluster_fixture::eventually([&] { return w.owned(uid).size() == 2; }));
  for (const auto& p : w.owned(uid))
    w.make_ready(*p);
  // No event follows the pods' readiness once they are ready: the controller's own requeue
  // after minReadySeconds is what makes them available.
  CHECK(testing::cluster_fixture::eventually([&] {
    auto now = w.get_rs("slow");
    return now && now->status().readyreplicas() == 2 && now->status().availablereplicas() == 2;
  }));
}
