#include "node/agent/kubelet.hpp"

#include <doctest/doctest.h>

#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>

#include <dirent.h>

#include <fstream>

#include "k8s/coordination/v1/lease.pb.h"
#include "k8s/core/v1/node.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "node/staticpods/http_fetch.hpp"
#include "tests/support/cluster_fixture.hpp"

using namespace kactor;
using namespace std::chrono_literals;
using k8s::core::v1::Pod;

namespace {

// Pids of processes whose command line contains `text`.
std::vector<int> processes_with(const std::string& text) {
  std::vector<int> out;
  DIR* d = ::opendir("/proc");
  while (auto* e = ::readdir(d)) {
    int pid = std::atoi(e->d_name);
    if (pid <= 0) continue;
    std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline");
    std::string cmd((std::istreambuf_iterator<char>(in)), {});
    for (auto& ch : cmd)
      if (ch == '\0') ch = ' ';
    if (cmd.find(text) != std::string::npos) out.push_back(pid);
  }
  ::closedir(d);
  return out;
}

void stop(caf::actor_system& sys, const caf::actor& a) {
  caf::scoped_actor self{sys};
  self->monitor(a);
  caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  self->receive([](caf::down_msg&) {}, caf::after(10s) >> [] {});
}

}  // namespace

TEST_CASE("kubelet: registers its node, runs a pod as a process, re-adopts it, deletes it") {
  testing::cluster_fixture f;
  auto client = f.client();
  node::agent::kubelet_options o;
  o.nats_url = f.nats_url();
  o.node_name = "node-t";
  o.root_dir = f.data_dir() / "kubelet";
  o.node_status_update_frequency = 500ms;
  o.use_cgroups = false;
  auto kubelet = node::agent::spawn_kubelet(f.sys, o, nullptr);
  REQUIRE(kubelet);

  auto get = [&](const std::string& resource, const std::string& ns, const std::string& name) {
    auto group = resource == "leases" ? std::string("coordination.k8s.io") : std::string();
    return f.call([&](auto done) { client->get({group, resource, ns, name}, done); });
  };
  REQUIRE(testing::cluster_fixture::eventually([&] { return get("nodes", "", "node-t").ok(); }));
  auto node = dynamic_cast<k8s::core::v1::Node&>(*get("nodes", "", "node-t").object);
  CHECK(node.status().capacity().at("pods").string() == "110");
  CHECK(node.metadata().labels().at("kubernetes.io/hostname") == "node-t");
  CHECK(testing::cluster_fixture::eventually(
      [&] { return get("leases", "kube-node-lease", "node-t").ok(); }));

  auto marker = (f.data_dir() / "marker-kubelet").string();
  Pod pod;
  pod.mutable_metadata()->set_name("sleeper");
  pod.mutable_metadata()->set_namespace_("default");
  pod.mutable_spec()->set_nodename("node-t");
  pod.mutable_spec()->set_terminationgraceperiodseconds(2);
  auto* c = pod.mutable_spec()->add_containers();
  c->set_name("main");
  c->set_image("host");
  c->add_command("sh");
  c->add_command("-c");
  c->add_command("while true; do sleep 1; done; " + marker);
  REQUIRE(f.call([&](auto done) { client->create(pod, done); }).ok());
  auto phase = [&] {
    auto r = get("pods", "default", "sleeper");
    return r.ok() ? dynamic_cast<Pod&>(*r.object).status().phase() : std::string("<gone>");
  };
  REQUIRE(testing::cluster_fixture::eventually([&] { return phase() == "Running"; }));
  auto pids = processes_with(marker);
  REQUIRE(pids.size() == 1);

  // The kubelet's own endpoint, at the port its Node advertises.
  auto port = dynamic_cast<k8s::core::v1::Node&>(*get("nodes", "", "node-t").object)
                  .status()
                  .daemonendpoints()
                  .kubeletendpoint()
                  .port();
  REQUIRE(port > 0);
  auto base = "http://127.0.0.1:" + std::to_string(port);
  auto healthz = node::staticpods::http_get(base + "/healthz", 5s);
  REQUIRE(healthz);
  CHECK(*healthz == "ok");
  auto listed = node::staticpods::http_get(base + "/pods", 5s);
  REQUIRE(listed);
  CHECK(listed->find("\"name\":\"sleeper\"") != std::string::npos);
  auto summary = node::staticpods::http_get(base + "/stats/summary", 5s);
  REQUIRE(summary);
  CHECK(summary->find("\"nodeName\":\"node-t\"") != std::string::npos);
  CHECK(summary->find("\"workingSetBytes\"") != std::string::npos);
  auto id = dynamic_cast<Pod&>(*get("pods", "default", "sleeper").object)
                .status()
                .containerstatuses(0)
                .containerid();

  // A new kubelet over the same root dir re-adopts the running container: no second process.
  stop(f.sys, *kubelet);
  auto again = node::agent::spawn_kubelet(f.sys, o, nullptr);
  REQUIRE(again);
  std::this_thread::sleep_for(1500ms);  // give a wrong kubelet the time to start a duplicate
  CHECK(processes_with(marker) == pids);
  auto after = dynamic_cast<Pod&>(*get("pods", "default", "sleeper").object);
  CHECK(after.status().containerstatuses(0).containerid() == id);
  CHECK(after.status().phase() == "Running");

  // Deleting the pod stops the process and removes the pod object.
  REQUIRE(f.call([&](auto done) {
             client->remove({"", "pods", "default", "sleeper"}, {}, done);
           }).ok());
  CHECK(testing::cluster_fixture::eventually([&] { return phase() == "<gone>"; }));
  CHECK(testing::cluster_fixture::eventually([&] { return processes_with(marker).empty(); }));
  stop(f.sys, *again);
}
