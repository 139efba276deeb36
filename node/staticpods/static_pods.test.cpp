#include "node/staticpods/static_pods.hpp"

#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include <caf/send.hpp>

#include "node/staticpods/static_manifests.hpp"
#include "tests/support/cluster_fixture.hpp"

using namespace kactor;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using k8s::core::v1::Pod;

namespace {

std::string pod_manifest(const std::string& name, const std::string& arg) {
  return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name +
         "\nspec:\n  containers:\n    - name: main\n      image: host\n      command: [sleep, \"" +
         arg + "\"]\n";
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream out(p);
  out << text;
}

// python3's http.server on a free port serving `dir`; killed by the destructor.
struct file_server {
  pid_t pid = -1;
  int port = 0;
  explicit file_server(const fs::path& dir) {
    port = 20000 + static_cast<int>(::getpid() % 20000);
    pid = ::fork();
    if (pid == 0) {
      ::execl("/usr/bin/python3", "python3", "-m", "http.server", std::to_string(port).c_str(),
              "--bind", "127.0.0.1", "--directory", dir.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~file_server() {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
};

}  // namespace

TEST_CASE("static pods from a directory and a URL are mirrored, restored, replaced, removed") {
  testing::cluster_fixture f;
  auto client = f.client("kubelet");
  auto dir = f.data_dir() / "manifests";
  auto served = f.data_dir() / "served";
  fs::create_directories(dir);
  fs::create_directories(served);
  write(dir / "etcd.yaml", pod_manifest("etcd", "100"));
  write(served / "pods.yaml", pod_manifest("proxy", "100"));
  file_server http(served);

  node::staticpods::static_pods_options o;
  o.node_name = "node-1";
  o.manifest_path = dir;
  o.file_check_frequency = 200ms;
  o.manifest_url = "http://127.0.0.1:" + std::to_string(http.port) + "/pods.yaml";
  o.http_check_frequency = 200ms;
  auto actor = node::staticpods::spawn_static_pods(f.sys, o, client, nullptr);

  auto get = [&](const std::string& name) {
    return f.call([&](auto done) { client->get({"", "pods", "default", name}, done); });
  };
  auto pod_of = [](const apiclient::api_reply& r) { return dynamic_cast<const Pod&>(*r.object); };
  CHECK(testing::cluster_fixture::eventually([&] { return get("etcd-node-1").ok(); }));
  CHECK(testing::cluster_fixture::eventually([&] { return get("proxy-node-1").ok(); }));
  auto etcd = pod_of(get("etcd-node-1"));
  CHECK(etcd.spec().nodename() == "node-1");
  CHECK(etcd.metadata().annotations().at(node::staticpods::source_annotation) == "file");
  CHECK(pod_of(get("proxy-node-1"))
            .metadata()
            .annotations()
            .at(node::staticpods::source_annotation) == "http");

  // Deleted through the API: it comes back (a new uid).
  apiclient::delete_options now;
  now.grace_period_seconds = 0;
  REQUIRE(f.call([&](auto done) {
             client->remove({"", "pods", "default", "etcd-node-1"}, now, done);
           }).ok());
  CHECK(testing::cluster_fixture::eventually([&] {
    auto r = get("etcd-node-1");
    return r.ok() && pod_of(r).metadata().uid() != etcd.metadata().uid();
  }));

  // A changed manifest replaces the pod: the old one is deleted (gracefully: the test plays the
  // kubelet and finishes the deletion), then the new one is created.
  auto before = pod_of(get("etcd-node-1"));
  write(dir / "etcd.yaml", pod_manifest("etcd", "200"));
  CHECK(testing::cluster_fixture::eventually([&] {
    auto r = get("etcd-node-1");
    return r.ok() && pod_of(r).metadata().has_deletiontimestamp();
  }));
  REQUIRE(f.call([&](auto done) {
             client->remove({"", "pods", "default", "etcd-node-1"}, now, done);
           }).ok());
  CHECK(testing::cluster_fixture::eventually([&] {
    auto r = get("etcd-node-1");
    return r.ok() &&
           node::staticpods::mirror_hash(pod_of(r)) != node::staticpods::mirror_hash(before) &&
           pod_of(r).spec().containers(0).command(1) == "200";
  }));

  // A removed manifest deletes its pod.
  fs::remove(served / "pods.yaml");  // the URL now answers 404: the last manifest is kept
  fs::remove(dir / "etcd.yaml");
  CHECK(testing::cluster_fixture::eventually([&] {
    auto r = get("etcd-node-1");
    return r.not_found() || (r.ok() && pod_of(r).metadata().has_deletiontimestamp());
  }));
  CHECK(get("proxy-node-1").ok());
  CHECK(!pod_of(get("proxy-node-1")).metadata().has_deletiontimestamp());
  caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
}
