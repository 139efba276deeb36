#include "actors/scheduler/affinity_index.hpp"

#include <doctest/doctest.h>

#include "actors/scheduler/cluster_snapshot.hpp"
#include "actors/scheduler/scheduler_testing.hpp"

using namespace kactor::scheduler;
using testing::make_node;
using testing::make_pod;

namespace {

k8s::core::v1::Pod labeled(std::string name, std::string ns, std::string app) {
  auto pod = make_pod(name, "", "", "n1", ns);
  (*pod.mutable_metadata()->mutable_labels())["app"] = app;
  return pod;
}

std::size_t size(const affinity_index::pod_set* pods) {
  return pods ? pods->size() : 0;
}

}  // namespace

TEST_CASE("index_label picks the smallest matchLabels key, none without matchLabels") {
  k8s::meta::v1::LabelSelector s;
  CHECK_FALSE(index_label(s).has_value());
  (*s.mutable_matchlabels())["tier"] = "web";
  (*s.mutable_matchlabels())["app"] = "shop";
  auto l = index_label(s);
  REQUIRE(l.has_value());
  CHECK(l->first == "app");
  CHECK(l->second == "shop");
}

TEST_CASE("the snapshot indexes assigned pods by namespace and label, and forgets them") {
  auto snapshot = cluster_snapshot::from_lists(
      {make_node("n1")}, {labeled("a", "default", "web"), labeled("b", "default", "web"),
                          labeled("c", "other", "web"), labeled("d", "default", "db")});
  const auto& index = snapshot.affinity();
  CHECK(size(index.pods_with_label("default", "app", "web")) == 2);
  CHECK(size(index.pods_with_label("other", "app", "web")) == 1);
  CHECK(size(index.pods_with_label("default", "app", "none")) == 0);
  snapshot.remove_pod("default", "a");
  CHECK(size(index.pods_with_label("default", "app", "web")) == 1);
  // Relabeling replaces the entry.
  snapshot.upsert_pod(labeled("b", "default", "db"));
  CHECK(size(index.pods_with_label("default", "app", "web")) == 0);
  CHECK(size(index.pods_with_label("default", "app", "db")) == 2);
}
