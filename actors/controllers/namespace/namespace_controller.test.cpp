#include "actors/controllers/namespace/namespace_controller.hpp"

#include <doctest/doctest.h>

#include <caf/send.hpp>

#include "actors/informer/informer.hpp"
#include "k8s/core/v1/config.pb.h"
#include "k8s/core/v1/namespace.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "tests/support/cluster_fixture.hpp"

using namespace kactor;
using namespace std::chrono_literals;

namespace {

bool has(const std::vector<std::pair<std::string, std::string>>& v, const std::string& group,
         const std::string& plural) {
  return std::find(v.begin(), v.end(), std::make_pair(group, plural)) != v.end();
}

k8s::core::v1::Pod pod(const std::string& name, const std::string& node) {
  k8s::core::v1::Pod p;
  p.mutable_metadata()->set_name(name);
  p.mutable_metadata()->set_namespace_("team");
  if (!node.empty()) p.mutable_spec()->set_nodename(node);
  auto* c = p.mutable_spec()->add_containers();
  c->set_name("c");
  c->set_image("host");
  return p;
}

}  // namespace

TEST_CASE("namespaced_resources: every stored namespaced collection, nothing cluster-scoped") {
  auto all = controllers::ns::namespaced_resources();
  CHECK(has(all, "", "pods"));
  CHECK(has(all, "", "configmaps"));
  CHECK(has(all, "apps", "deployments"));
  CHECK(has(all, "", "events"));
  CHECK(!has(all, "", "nodes"));
  CHECK(!has(all, "", "namespaces"));
  CHECK(!has(all, "", "bindings"));  // create-only
}

TEST_CASE("deleting a namespace deletes what is in it, waits for terminating pods, then itself") {
  testing::cluster_fixture f;
  auto client = f.client();
  k8s::core::v1::Namespace team;
  team.mutable_metadata()->set_name("team");
  REQUIRE(f.call([&](auto done) { client->create(team, done); }).ok());
  k8s::core::v1::ConfigMap cm;
  cm.mutable_metadata()->set_name("settings");
  cm.mutable_metadata()->set_namespace_("team");
  REQUIRE(f.call([&](auto done) { client->create(cm, done); }).ok());
  REQUIRE(f.call([&](auto done) { client->create(pod("unbound", ""), done); }).ok());
  REQUIRE(f.call([&](auto done) { client->create(pod("running", "node-1"), done); }).ok());

  auto cache = std::make_shared<informer::cache>();
  informer::informer_options io;
  io.resource = "namespaces";
  auto inf = informer::spawn_informer(f.sys, io, {f.open(false), f.open(true), cache, nullptr});
  REQUIRE(inf);
  controllers::ns::namespace_controller_options opts;
  opts.resync_period = 100ms;
  auto controller =
      controllers::ns::spawn_namespace_controller(f.sys, opts, {cache, client, nullptr});

  auto deleted = f.call([&](auto done) {
    client->remove({"", "namespaces", "", "team"}, {}, done);
  });
  REQUIRE_MESSAGE(deleted.ok(), deleted.describe());
  auto get = [&](const std::string& resource, const std::string& ns, const std::string& name) {
    return f.call([&](auto done) { client->get({"", resource, ns, name}, done); });
  };
  auto ns_now = get("namespaces", "", "team");
  REQUIRE(ns_now.ok());
  CHECK(dynamic_cast<k8s::core::v1::Namespace&>(*ns_now.object).status().phase() == "Terminating");
  CHECK(f.call([&](auto done) { client->create(cm, done); }).status == 403);

  CHECK(testing::cluster_fixture::eventually([&] {
    return get("configmaps", "team", "settings").not_found() &&
           get("pods", "team", "unbound").not_found();
  }));
  // The bound pod waits for its kubelet: the namespace stays until it is gone.
  auto running = get("pods", "team", "running");
  REQUIRE(running.ok());
  CHECK(dynamic_cast<k8s::core::v1::Pod&>(*running.object).metadata().has_deletiontimestamp());
  CHECK(get("namespaces", "", "team").ok());
  apiclient::delete_options now;
  now.grace_period_seconds = 0;  // what the kubelet does once the containers stopped
  REQUIRE(f.call([&](auto done) {
             client->remove({"", "pods", "team", "running"}, now, done);
           }).ok());
  CHECK(testing::cluster_fixture::eventually(
      [&] { return get("namespaces", "", "team").not_found(); }));

  caf::anon_send_exit(controller, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(*inf, caf::exit_reason::user_shutdown);
}
