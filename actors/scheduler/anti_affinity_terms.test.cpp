#include "actors/scheduler/anti_affinity_terms.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "actors/scheduler/cluster_snapshot.hpp"
#include "actors/scheduler/scheduler_testing.hpp"
#include "actors/scheduler/selectors.hpp"

using namespace kactor::scheduler;
using testing::from_yaml;
using testing::make_node;
using testing::zoned;

namespace {

// A pod with app=db on `node` in `ns` whose required anti-affinity has the given labelSelector
// and topologyKey.
k8s::core::v1::Pod anti(std::string name, std::string_view selector, std::string node = "n1",
                        std::string ns = "default",
                        std::string key = "topology.kubernetes.io/zone") {
  auto pod = from_yaml<k8s::core::v1::Pod>(std::string(R"(
apiVersion: v1
kind: Pod
metadata: {labels: {app: db}, name: placeholder}
spec:
  containers: [{name: c, image: host}]
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: )") + std::string(selector) +
                                           "\n        topologyKey: " + key + "\n");
  pod.mutable_metadata()->set_name(name);
  pod.mutable_metadata()->set_namespace_(ns);
  pod.mutable_spec()->set_nodename(node);
  return pod;
}

// A selector as readable text: canonical_selector with NUL as "," and \1 as "|".
std::string text(const k8s::meta::v1::LabelSelector& selector) {
  auto t = canonical_selector(selector);
  std::replace(t.begin(), t.end(), '\0', ',');
  std::replace(t.begin(), t.end(), '\1', '|');
  return t;
}

// The groups a pod with these labels may be selected by, as "<selector text>:<holders>".
std::multiset<std::string> candidates(const cluster_snapshot& snapshot,
                                      std::map<std::string, std::string> labels) {
  google::protobuf::Map<std::string, std::string> m(labels.begin(), labels.end());
  std::multiset<std::string> out;
  snapshot.anti_affinity().for_each_candidate(m, [&](const anti_affinity_terms::group& g) {
    out.insert(text(g.term.labelselector()) + ":" + std::to_string(g.holders));
  });
  return out;
}

using domain_map = std::map<std::string, std::int64_t>;

// Every group's non-zero domains, by signature-free description (owner ns, key, selector).
std::map<std::string, domain_map> kept(const cluster_snapshot& snapshot,
                                       const std::vector<std::map<std::string, std::string>>& as) {
  std::map<std::string, domain_map> out;
  for (const auto& labels : as) {
    google::protobuf::Map<std::string, std::string> m(labels.begin(), labels.end());
    snapshot.anti_affinity().for_each_candidate(m, [&](const anti_affinity_terms::group& g) {
      auto& d =
          out[g.owner_namespace + " " + g.term.topologykey() + " " + text(g.term.labelselector())];
      d.clear();
      for (const auto& [v, n] : g.domains) {
        if (n != 0) d[v] = n;
      }
      if (d.empty())
        out.erase(g.owner_namespace + " " + g.term.topologykey() + " " +
                  text(g.term.labelselector()));
    });
  }
  return out;
}

// The same by a scan of every live node's pods.
std::map<std::string, domain_map> scanned(const cluster_snapshot& snapshot) {
  std::map<std::string, domain_map> out;
  for (std::size_t i = 0; i < snapshot.node_count(); ++i) {
    const auto& node = snapshot.node_at(i);
    for (const auto& pod : node.pods()) {
      for (const auto& t : pod->spec()
                               .affinity()
                               .podantiaffinity()
                               .requiredduringschedulingignoredduringexecution()) {
        const auto& labels = node.node().metadata().labels();
        auto v = labels.find(t.topologykey());
        if (v == labels.end()) continue;
        ++out[pod->namespace_name() + " " + t.topologykey() + " " + text(t.labelselector())]
             [v->second];
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("identical terms form one group, indexed under their matchLabels or apart") {
  auto snapshot = cluster_snapshot::from_lists(
      {zoned("n1", "a")},
      {anti("px", "{matchLabels: {app: web}}"), anti("pw", "{matchLabels: {app: web}}"),
       anti("py", "{matchExpressions: [{key: app, operator: Exists}]}"),
       anti("pz", "{matchLabels: {app: web, tier: front}}")});
  CHECK(snapshot.anti_affinity().size() == 3);
  CHECK(candidates(snapshot, {{"app", "web"}}) ==
        std::multiset<std::string>{"app,web,:2", "app,web,tier,front,:1", "|app,Exists,:1"});
  CHECK(candidates(snapshot, {{"tier", "front"}}).size() == 1);  // only the unindexed one
  snapshot.remove_pod("default", "py");
  snapshot.remove_pod("default", "px");
  CHECK(snapshot.anti_affinity().size() == 2);
  CHECK(candidates(snapshot, {{"tier", "front"}}).empty());
  snapshot.remove_pod("default", "pw");
  snapshot.remove_pod("default", "pz");
  CHECK(snapshot.anti_affinity().size() == 0);
}

TEST_CASE("the groups' domains equal a fresh scan through random pod and node changes") {
  std::mt19937 random(11);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const std::vector<std::string> zones{"a", "b", "c", ""};
  const std::vector<std::string> selectors{"{matchLabels: {app: web}}", "{matchLabels: {app: db}}",
                                           "{matchExpressions: [{key: app, operator: Exists}]}"};
  const std::vector<std::map<std::string, std::string>> probes{{{"app", "web"}}, {{"app", "db"}}};
  cluster_snapshot snapshot;
  for (int step = 0; step < 400; ++step) {
    std::string node = "n";
    node += std::to_string(pick(10));
    std::string name = "p";
    name += std::to_string(pick(25));
    switch (pick(6)) {
      case 0: {
        const auto& zone = zones[static_cast<std::size_t>(pick(4))];
        snapshot.upsert_node(zone.empty() ? make_node(node) : zoned(node, zone));
        break;
      }
      case 1:
        snapshot.remove_node(node);
        break;
      case 2:
        snapshot.remove_pod(pick(2) == 0 ? "default" : "other", name);
        break;
      default: {
        auto pod = anti(name, selectors[static_cast<std::size_t>(pick(3))], node,
                        pick(3) == 0 ? "other" : "default",
                        pick(3) == 0 ? "kubernetes.io/hostname" : "topology.kubernetes.io/zone");
        if (pick(10) == 0) pod.mutable_status()->set_phase("Failed");
        snapshot.upsert_pod(pod);
        break;
      }
    }
    INFO("step " << step);
    REQUIRE(kept(snapshot, probes) == scanned(snapshot));
  }
}
