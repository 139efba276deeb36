#include "actors/apiclient/api_client.hpp"

#include <doctest/doctest.h>

#include "actors/apiclient/event_recorder.hpp"
#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/config.pb.h"
#include "k8s/core/v1/event.pb.h"
#include "k8s/core/v1/node.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "tests/support/cluster_fixture.hpp"

using namespace kactor;
using apiclient::api_reply;
using apiclient::object_path;

namespace {

k8s::core::v1::ConfigMap config_map(const std::string& name) {
  k8s::core::v1::ConfigMap cm;
  cm.mutable_metadata()->set_name(name);
  cm.mutable_metadata()->set_namespace_("default");
  (*cm.mutable_data())["key"] = "value";
  return cm;
}

}  // namespace

TEST_CASE("url_path and path_of name the REST resource of a message") {
  k8s::apps::v1::Deployment d;
  d.mutable_metadata()->set_name("web");
  d.mutable_metadata()->set_namespace_("team");
  auto p = apiclient::path_of(d);
  REQUIRE(p);
  CHECK(apiclient::url_path(*p) == "/apis/apps/v1/namespaces/team/deployments/web");
  k8s::core::v1::Node n;
  n.mutable_metadata()->set_name("node-1");
  n.mutable_metadata()->set_namespace_("ignored");  // cluster-scoped
  CHECK(apiclient::url_path(*apiclient::path_of(n)) == "/api/v1/nodes/node-1");
  CHECK(apiclient::url_path({"", "pods", "default", "web", "status", ""}) ==
        "/api/v1/namespaces/default/pods/web/status");
  CHECK(apiclient::url_path({"apps", "replicasets", "", "", "", ""}) ==
        "/apis/apps/v1/replicasets");
}

TEST_CASE("api_client: CRUD with Kubernetes' lifecycle and errors through a real gateway") {
  testing::cluster_fixture f;
  auto client = f.client("kactor-test/v0");

  auto created = f.call([&](auto done) { client->create(config_map("settings"), done); });
  REQUIRE_MESSAGE(created.ok(), created.describe());
  CHECK(created.status == 201);
  auto* cm = dynamic_cast<k8s::core::v1::ConfigMap*>(created.object.get());
  REQUIRE(cm);
  CHECK(!cm->metadata().uid().empty());             // the gateway's lifecycle ran
  CHECK(cm->metadata().managedfields_size() == 1);  // with the client's field manager
  CHECK(cm->metadata().managedfields(0).manager() == "kactor-test");

  auto again = f.call([&](auto done) { client->create(config_map("settings"), done); });
  CHECK(again.already_exists());
  CHECK(again.message == "configmaps \"settings\" already exists");

  auto stale = *cm;
  (*cm->mutable_data())["key"] = "new";
  auto updated = f.call([&](auto done) { client->update(*cm, done); });
  REQUIRE_MESSAGE(updated.ok(), updated.describe());
  (*stale.mutable_data())["key"] = "other";
  auto conflict = f.call([&](auto done) { client->update(stale, done); });
  CHECK(conflict.conflict());

  auto got = f.call([&](auto done) {
    client->get({"", "configmaps", "default", "settings"}, done);
  });
  REQUIRE(got.ok());
  CHECK(dynamic_cast<k8s::core::v1::ConfigMap&>(*got.object).data().at("key") == "new");

  auto patched = f.call([&](auto done) {
    client->patch({"", "configmaps", "default", "settings"}, "application/merge-patch+json",
                  R"({"data":{"extra":"1"}})", done);
  });
  REQUIRE_MESSAGE(patched.ok(), patched.describe());
  CHECK(dynamic_cast<k8s::core::v1::ConfigMap&>(*patched.object).data().at("extra") == "1");

  auto removed = f.call([&](auto done) {
    client->remove({"", "configmaps", "default", "settings"}, {}, done);
  });
  CHECK(removed.ok());
  auto gone = f.call([&](auto done) {
    client->get({"", "configmaps", "default", "settings"}, done);
  });
  CHECK(gone.not_found());
  CHECK(gone.reason == "NotFound");

  k8s::core::v1::ConfigMap bad = config_map("Not_A_Name");
  auto invalid = f.call([&](auto done) { client->create(bad, done); });
  CHECK(invalid.status == 422);
  CHECK(invalid.reason == "Invalid");
}

TEST_CASE("api_client: bind assigns a pod; the event recorder aggregates repeats") {
  testing::cluster_fixture f;
  auto client = f.client("kube-scheduler/v1.32.0");
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name("web");
  pod.mutable_metadata()->set_namespace_("default");
  auto* c = pod.mutable_spec()->add_containers();
  c->set_name("web");
  c->set_image("host");
  auto created = f.call([&](auto done) { client->create(pod, done); });
  REQUIRE_MESSAGE(created.ok(), created.describe());
  const auto& uid = dynamic_cast<k8s::core::v1::Pod&>(*created.object).metadata().uid();

  auto wrong_uid =
      f.call([&](auto done) { client->bind("default", "web", "nope", "node-1", done); });
  CHECK(!wrong_uid.ok());
  auto bound = f.call([&](auto done) { client->bind("default", "web", uid, "node-1", done); });
  REQUIRE_MESSAGE(bound.ok(), bound.describe());
  auto got = f.call([&](auto done) { client->get({"", "pods", "default", "web"}, done); });
  REQUIRE(got.ok());
  CHECK(dynamic_cast<k8s::core::v1::Pod&>(*got.object).spec().nodename() == "node-1");

  apiclient::event_recorder events(client, "default-scheduler");
  auto& stored = dynamic_cast<k8s::core::v1::Pod&>(*got.object);
  events.record(stored, "Normal", "Scheduled", "Successfully assigned default/web to node-1");
  // The second record patches the first event: wait for the create to land first.
  auto listed = [&] {
    return f.call([&](auto done) {
      apiclient::object_path p{"", "events", "default", "", "", ""};
      client->get(p, done);
    });
  };
  CHECK(testing::cluster_fixture::eventually([&] {
    auto l = listed();
    auto* list = dynamic_cast<k8s::core::v1::EventList*>(l.object.get());
    return list && list->items_size() == 1;
  }));
  events.record(stored, "Normal", "Scheduled", "Successfully assigned default/web to node-1");
  CHECK(testing::cluster_fixture::eventually([&] {
    auto l = listed();
    auto* list = dynamic_cast<k8s::core::v1::EventList*>(l.object.get());
    if (!list || list->items_size() != 1) return false;
    const auto& e = list->items(0);
    return e.count() == 2 && e.involvedobject().uid() == uid && e.reason() == "Scheduled" &&
           e.source().component() == "default-scheduler" && e.type() == "Normal";
  }));
}
