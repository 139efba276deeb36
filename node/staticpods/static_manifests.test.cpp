#include "node/staticpods/static_manifests.hpp"

#include <doctest/doctest.h>

using namespace kactor::node::staticpods;

namespace {

const char* manifest = R"(apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
spec:
  containers:
    - name: main
      image: host
      command: ["sleep", "100"]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: not-a-pod}
)";

}  // namespace

TEST_CASE("mirror_pods names, binds, annotates and owns static pods; skips other kinds") {
  std::vector<std::string> problems;
  auto pods = mirror_pods(manifest, "etcd.yaml", "file", "node-1", "uid-n1", problems);
  REQUIRE(pods.size() == 1);
  const auto& p = pods[0];
  CHECK(p.metadata().name() == "etcd-node-1");
  CHECK(p.metadata().namespace_() == "kube-system");
  CHECK(p.spec().nodename() == "node-1");
  CHECK(p.metadata().annotations().at(source_annotation) == "file");
  CHECK(mirror_hash(p).size() == 16);
  CHECK(p.metadata().ownerreferences(0).kind() == "Node");
  CHECK(p.metadata().ownerreferences(0).uid() == "uid-n1");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "etcd.yaml: kind ConfigMap is not a Pod: skipped");

  // The hash follows the manifest's content.
  std::vector<std::string> more;
  auto same = mirror_pods(manifest, "x", "http", "node-1", "", more);
  CHECK(mirror_hash(same[0]) == mirror_hash(p));
  std::string changed = manifest;
  changed.replace(changed.find("\"100\""), 5, "\"200\"");
  auto other = mirror_pods(changed, "x", "file", "node-1", "", more);
  CHECK(mirror_hash(other[0]) != mirror_hash(p));
  CHECK(other[0].metadata().ownerreferences_size() == 0);

  std::vector<std::string> bad;
  CHECK(mirror_pods("kind: [", "broken.yaml", "file", "n", "", bad).empty());
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].starts_with("broken.yaml: "));
}
