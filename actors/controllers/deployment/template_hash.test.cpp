#include "actors/controllers/deployment/template_hash.hpp"

#include <doctest/doctest.h>

using namespace kactor::controllers::deployment;

namespace {

k8s::core::v1::PodTemplateSpec web(const std::string& image) {
  k8s::core::v1::PodTemplateSpec t;
  (*t.mutable_metadata()->mutable_labels())["app"] = "web";
  (*t.mutable_metadata()->mutable_labels())["tier"] = "front";
  auto* c = t.mutable_spec()->add_containers();
  c->set_name("main");
  c->set_image(image);
  return t;
}

}  // namespace

TEST_CASE("pod_template_hash: stable, safe alphabet, at most 10 characters") {
  auto h = pod_template_hash(web("host:v1"), std::nullopt);
  CHECK(!h.empty());
  CHECK(h.size() <= 10);
  CHECK(h.find_first_not_of("bcdfghjklmnpqrstvwxz2456789") == std::string::npos);
  CHECK(h == pod_template_hash(web("host:v1"), std::nullopt));
  // Pinned: a changed value would rename every ReplicaSet after an upgrade.
  CHECK(h == "6c5c5896c");
}

TEST_CASE("pod_template_hash: map order does not matter, content and collisions do") {
  k8s::core::v1::PodTemplateSpec reordered;
  (*reordered.mutable_metadata()->mutable_labels())["tier"] = "front";
  (*reordered.mutable_metadata()->mutable_labels())["app"] = "web";
  *reordered.mutable_spec() = web("host:v1").spec();
  CHECK(pod_template_hash(reordered, std::nullopt) ==
        pod_template_hash(web("host:v1"), std::nullopt));
  CHECK(pod_template_hash(web("host:v2"), std::nullopt) !=
        pod_template_hash(web("host:v1"), std::nullopt));
  CHECK(pod_template_hash(web("host:v1"), 1) != pod_template_hash(web("host:v1"), std::nullopt));
  CHECK(pod_template_hash(web("host:v1"), 1) != pod_template_hash(web("host:v1"), 2));
}

TEST_CASE("equal_ignoring_hash") {
  auto rs_template = web("host:v1");
  (*rs_template.mutable_metadata()->mutable_labels())[pod_template_hash_label] = "abc";
  CHECK(equal_ignoring_hash(rs_template, web("host:v1")));
  CHECK(!equal_ignoring_hash(rs_template, web("host:v2")));
  auto restarted = web("host:v1");
  (*restarted.mutable_metadata()->mutable_annotations())["kubectl.kubernetes.io/restartedAt"] = "x";
  CHECK(!equal_ignoring_hash(restarted, web("host:v1")));
}
