#include "actors/controllers/deployment/deployment_controller.hpp"

#include <doctest/doctest.h>

#include "actors/controllers/deployment/deployment_plan.hpp"
#include "actors/controllers/deployment/deployment_status.hpp"
#include "actors/controllers/replicaset/replicaset_controller.hpp"
#include "actors/controllers/testing/controller_world.hpp"
#include "k8s/core/v1/event.pb.h"

using namespace kactor;
using namespace kactor::controllers;
using k8s::apps::v1::Deployment;
using k8s::apps::v1::ReplicaSet;
using k8s::core::v1::Pod;

namespace {

struct deployment_world : test_support::controller_world {
  caf::actor rs_controller;
  caf::actor d_controller;
  std::shared_ptr<informer::cache> deployments = std::make_shared<informer::cache>();
  std::shared_ptr<informer::cache> replicasets = std::make_shared<informer::cache>();
  std::shared_ptr<informer::cache> pods = std::make_shared<informer::cache>();

  deployment_world() {
    auto events = [&](const char* c) {
      return std::make_shared<apiclient::event_recorder>(client, c);
    };
    // The caches are filled by informers started below; the controllers only read them.
    rs_controller = replicaset::spawn_replicaset_controller(
        f.sys, {}, {replicasets, pods, client, events("replicaset-controller"), nullptr});
    d_controller = deployment::spawn_deployment_controller(
        f.sys, {},
        {deployments, replicasets, pods, client, events("deployment-controller"), nullptr});
    actors.push_back(rs_controller);
    actors.push_back(d_controller);
    start("apps", "deployments", deployments, {d_controller});
    start("apps", "replicasets", replicasets, {rs_controller, d_controller});
    start("", "pods", pods, {rs_controller, d_controller});
  }

  void start(const std::string& group, const std::string& resource,
             std::shared_ptr<informer::cache> cache, std::vector<caf::actor> listeners) {
    informer::informer_options io;
    io.group = group;
    io.resource = resource;
    io.listeners = std::move(listeners);
    auto inf = informer::spawn_informer(f.sys, io, {f.open(false), f.open(true), cache, nullptr});
    REQUIRE(inf);
    actors.push_back(*inf);
  }

  std::shared_ptr<Deployment> get_deployment(const std::string& name) {
    return std::dynamic_pointer_cast<Deployment>(get("apps", "deployments", name).object);
  }
};

bool rolled_out(const Deployment& d, int replicas) {
  const auto& s = d.status();
  const auto* p = deployment::find_condition(s, "Progressing");
  const auto* a = deployment::find_condition(s, "Available");
  return s.observedgeneration() == d.metadata().generation() && s.replicas() == replicas &&
         s.updatedreplicas() == replicas && s.availablereplicas() == replicas &&
         s.unavailablereplicas() == 0 && p && p->reason() == "NewReplicaSetAvailable" && a &&
         a->status() == "True";
}

}  // namespace

TEST_CASE("deployment: creates its ReplicaSet and pods, rolls a template change over") {
  deployment_world w;
  auto created = w.f.call(
      [&](auto done) { w.client->create(test_support::deployment("web", 3, "host:v1"), done); });
  REQUIRE_MESSAGE(created.ok(), created.describe());

  // One ReplicaSet web-<hash>, revision 1, three pods; the test plays kubelet.
  REQUIRE(kactor::testing::cluster_fixture::eventually([&] {
    w.make_pods_ready();
    auto d = w.get_deployment("web");
    return d && rolled_out(*d, 3);
  }));
  auto rses = w.list<ReplicaSet>("apps", "replicasets");
  REQUIRE(rses.size() == 1);
  const auto first = rses[0];
  CHECK(first.metadata().name().rfind("web-", 0) == 0);
  CHECK(first.metadata().annotations().at(deployment::revision_annotation) == "1");
  CHECK(first.spec().selector().matchlabels().count("pod-template-hash") == 1);
  CHECK(is_controlled_by(first.metadata(), w.get_deployment("web")->metadata().uid()));
  CHECK(w.get_deployment("web")->metadata().annotations().at(deployment::revision_annotation) ==
        "1");
  auto pods = w.list<Pod>("", "pods");
  CHECK(pods.size() == 3);
  for (const auto& p : pods)
    CHECK(is_controlled_by(p.metadata(), first.metadata().uid()));
  bool scaled_event = false;
  for (const auto& e : w.list<k8s::core::v1::Event>("", "events"))
    scaled_event |=
        e.reason() == "ScalingReplicaSet" &&
        e.message() == "Scaled up replica set " + first.metadata().name() + " from 0 to 3";
  CHECK(scaled_event);

  // A template change: a second ReplicaSet takes over as the new pods become ready.
  auto d = w.get_deployment("web");
  REQUIRE(d);
  d->mutable_spec()->mutable_template_()->mutable_spec()->mutable_containers(0)->set_image(
      "host:v2");
  auto updated = w.f.call([&](auto done) { w.client->update(*d, done); });
  REQUIRE_MESSAGE(updated.ok(), updated.describe());
  REQUIRE(kactor::testing::cluster_fixture::eventually([&] {
    w.make_pods_ready();
    auto now = w.get_deployment("web");
    return now && rolled_out(*now, 3) && w.list<Pod>("", "pods").size() == 3;
  }));
  rses = w.list<ReplicaSet>("apps", "replicasets");
  REQUIRE(rses.size() == 2);
  for (const auto& rs : rses) {
    bool is_first = rs.metadata().name() == first.metadata().name();
    CHECK(rs.spec().replicas() == (is_first ? 0 : 3));
    CHECK(rs.metadata().annotations().at(deployment::revision_annotation) ==
          (is_first ? "1" : "2"));
    if (!is_first)
      for (const auto& p : w.list<Pod>("", "pods"))
        CHECK(is_controlled_by(p.metadata(), rs.metadata().uid()));
  }
  CHECK(w.get_deployment("web")->metadata().annotations().at(deployment::revision_annotation) ==
        "2");
}

TEST_CASE("deployment: Recreate replaces every old pod before the new ones start") {
  deployment_world w;
  auto d = test_support::deployment("batch", 2, "host:v1");
  d.mutable_spec()->mutable_strategy()->set_type("Recreate");
  REQUIRE(w.f.call([&](auto done) { w.client->create(d, done); }).ok());
  REQUIRE(kactor::testing::cluster_fixture::eventually([&] {
    w.make_pods_ready();
    auto now = w.get_deployment("batch");
    return now && rolled_out(*now, 2);
  }));
  auto current = w.get_deployment("batch");
  REQUIRE(current);
  current->mutable_spec()->mutable_template_()->mutable_spec()->mutable_containers(0)->set_image(
      "host:v2");
  REQUIRE(w.f.call([&](auto done) { w.client->update(*current, done); }).ok());
  REQUIRE(kactor::testing::cluster_fixture::eventually([&] {
    w.make_pods_ready();
    auto now = w.get_deployment("batch");
    return now && rolled_out(*now, 2) && w.list<ReplicaSet>("apps", "replicasets").size() == 2;
  }));
  for (const auto& p : w.list<Pod>("", "pods"))
    CHECK(p.spec().containers(0).image() == "host:v2");
}
