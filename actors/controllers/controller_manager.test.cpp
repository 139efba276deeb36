#include "actors/controllers/controller_manager.hpp"

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <cstdio>
#include <future>

#include "actors/controllers/testing/controller_world.hpp"
#include "actors/leaderelection/leader_elector.hpp"

using namespace kactor;
using namespace kactor::controllers;
using k8s::apps::v1::Deployment;
using k8s::apps::v1::ReplicaSet;
using k8s::core::v1::Pod;

namespace {

struct run_result {
  int status = -1;
  std::string output;  // stdout and stderr
};

// Runs the real kubectl against the fixture's control plane (its kubeconfig, a private cache).
run_result kubectl(const kactor::testing::cluster_fixture& f, const std::string& args) {
  auto dir = f.data_dir().string();
  auto cmd = "HOME=" + dir + " KUBECONFIG=/dev/null /usr/bin/kubectl --server http://" +
             f.api_address() + " --cache-dir " + dir + "/kubectl-cache " + args + " 2>&1";
  run_result r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  while (auto n = std::fread(buf, 1, sizeof buf, p))
    r.output.append(buf, n);
  int raw = ::pclose(p);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

// `kubectl rollout status` while the test plays kubelet (pods become ready as they appear).
run_result rollout_status(test_support::controller_world& w) {
  auto status = std::async(std::launch::async, [&] {
    return kubectl(w.f, "rollout status deployment/web --timeout=60s");
  });
  while (status.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready)
    w.make_pods_ready();
  return status.get();
}

std::string revision_of(const ReplicaSet& rs) {
  auto it = rs.metadata().annotations().find("deployment.kubernetes.io/revision");
  return it == rs.metadata().annotations().end() ? "" : it->second;
}

}  // namespace

TEST_CASE("controller manager: unknown controllers and bad URLs are refused") {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  controller_manager_options o;
  o.controllers = {"replicaset", "cronjob"};
  CHECK(!spawn_controller_manager(sys, o, nullptr));
  o.controllers = {"replicaset"};
  o.nats_url = "";
  CHECK(!spawn_controller_manager(sys, o, nullptr));
}

TEST_CASE("controller manager: a Deployment runs, and deleting it removes its RS and pods") {
  test_support::controller_world w;
  controller_manager_options o;
  o.nats_url = w.f.nats_url();
  o.start_leading = false;  // the leadership hook: nothing runs before (leading_atom, true)
  auto manager = spawn_controller_manager(w.f.sys, o, nullptr);
  REQUIRE(manager);
  w.actors.push_back(*manager);
  caf::anon_send(*manager, leaderelection::leading_atom::value, true);

  auto created = w.f.call(
      [&](auto done) { w.client->create(test_support::deployment("web", 2, "host"), done); });
  REQUIRE_MESSAGE(created.ok(), created.describe());
  CHECK(kactor::testing::cluster_fixture::eventually([&] {
    w.make_pods_ready();
    auto d = std::dynamic_pointer_cast<Deployment>(w.get("apps", "deployments", "web").object);
    return d && d->status().availablereplicas() == 2 && d->status().updatedreplicas() == 2;
  }));
  REQUIRE(w.list<ReplicaSet>("apps", "replicasets").size() == 1);
  REQUIRE(w.list<Pod>("", "pods").size() == 2);

  // What `kubectl delete deployment web` sends: propagationPolicy Background.
  apiclient::delete_options background;
  background.propagation_policy = "Background";
  REQUIRE(w.f.call([&](auto done) {
               w.client->remove({"apps", "deployments", "default", "web"}, background, done);
             })
              .ok());
  CHECK(kactor::testing::cluster_fixture::eventually([&] {
    return w.list<ReplicaSet>("apps", "replicasets").empty() && w.list<Pod>("", "pods").empty();
  }));

  // Leadership lost and regained: the controllers stop, then start again from warm informers.
  caf::anon_send(*manager, leaderelection::leading_atom::value, false);
  caf::anon_send(*manager, leaderelection::leading_atom::value, true);
  REQUIRE(w.f.call([&](auto done) {
               w.client->create(test_support::deployment("again", 1, "host"), done);
             })
              .ok());
  CHECK(kactor::testing::cluster_fixture::eventually(
      [&] { return w.list<Pod>("", "pods").size() == 1; }));
}

TEST_CASE("controller manager: kubectl apply, rollout status/restart/undo/history, delete") {
  test_support::controller_world w;
  controller_manager_options o;
  o.nats_url = w.f.nats_url();
  auto manager = spawn_controller_manager(w.f.sys, o, nullptr);
  REQUIRE(manager);
  w.actors.push_back(*manager);
  auto manifest = (w.f.data_dir() / "web.yaml").string();
  {
    FILE* out = std::fopen(manifest.c_str(), "w");
    REQUIRE(out);
    std::fputs(R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations: {kubernetes.io/change-cause: first}
spec:
  replicas: 2
  strategy:
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: host
          command: ["sleep", "3600"]
)",
               out);
    std::fclose(out);
  }
  auto applied = kubectl(w.f, "apply -f " + manifest);
  REQUIRE_MESSAGE(applied.status == 0, applied.output);
  auto done = rollout_status(w);
  CHECK_MESSAGE(done.status == 0, done.output);
  CHECK(done.output.find("deployment \"web\" successfully rolled out") != std::string::npos);

  auto restarted = kubectl(w.f, "rollout restart deployment/web");
  REQUIRE_MESSAGE(restarted.status == 0, restarted.output);
  done = rollout_status(w);
  CHECK_MESSAGE(done.status == 0, done.output);
  auto rses = w.list<ReplicaSet>("apps", "replicasets");
  REQUIRE(rses.size() == 2);

  // undo goes back to revision 1's template: its ReplicaSet comes back as revision 3.
  auto undone = kubectl(w.f, "rollout undo deployment/web");
  REQUIRE_MESSAGE(undone.status == 0, undone.output);
  done = rollout_status(w);
  CHECK_MESSAGE(done.status == 0, done.output);
  rses = w.list<ReplicaSet>("apps", "replicasets");
  REQUIRE(rses.size() == 2);
  std::vector<std::string> revisions;
  for (const auto& rs : rses)
    revisions.push_back(revision_of(rs));
  std::sort(revisions.begin(), revisions.end());
  CHECK(revisions == std::vector<std::string>{"2", "3"});
  auto history = kubectl(w.f, "rollout history deployment/web");
  CHECK_MESSAGE(history.status == 0, history.output);
  CHECK(history.output.find("2 ") != std::string::npos);
  CHECK(history.output.find("3 ") != std::string::npos);

  auto deleted = kubectl(w.f, "delete deployment web");
  CHECK_MESSAGE(deleted.status == 0, deleted.output);
  CHECK(kactor::testing::cluster_fixture::eventually([&] {
    return w.list<ReplicaSet>("apps", "replicasets").empty() && w.list<Pod>("", "pods").empty();
  }));
}

TEST_CASE("controller manager: kubectl delete --cascade=foreground and --cascade=orphan") {
  test_support::controller_world w;
  controller_manager_options o;
  o.nats_url = w.f.nats_url();
  auto manager = spawn_controller_manager(w.f.sys, o, nullptr);
  REQUIRE(manager);
  w.actors.push_back(*manager);
  auto pods_of = [&](const std::string& app) {
    int n = 0;
    for (const auto& p : w.list<Pod>("", "pods"))
      n += p.metadata().labels().at("app") == app;
    return n;
  };
  for (const std::string name : {"front", "keep"}) {
    auto created =
        kubectl(w.f, "create deployment " + name + " --image=host --replicas=2 -- sleep 3600");
    REQUIRE_MESSAGE(created.status == 0, created.output);
  }
  REQUIRE(kactor::testing::cluster_fixture::eventually(
      [&] { return pods_of("front") == 2 && pods_of("keep") == 2; }));

  // Foreground: kubectl waits until the Deployment is gone, which is after its RS and pods.
  auto front = kubectl(w.f, "delete deployment front --cascade=foreground --timeout=60s");
  CHECK_MESSAGE(front.status == 0, front.output);
  CHECK(pods_of("front") == 0);
  CHECK(w.get("apps", "deployments", "front").not_found());

  // Orphan: the Deployment goes, its ReplicaSet and pods stay, without an owner.
  auto keep = kubectl(w.f, "delete deployment keep --cascade=orphan --timeout=60s");
  CHECK_MESSAGE(keep.status == 0, keep.output);
  CHECK(w.get("apps", "deployments", "keep").not_found());
  auto rses = w.list<ReplicaSet>("apps", "replicasets");
  REQUIRE(rses.size() == 1);
  CHECK(rses[0].metadata().ownerreferences_size() == 0);
  CHECK(pods_of("keep") == 2);
}
