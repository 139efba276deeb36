#include "actors/controllers/common/ownership.hpp"

#include <doctest/doctest.h>

#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/pod.pb.h"

using namespace kactor::controllers;

TEST_CASE("make_controller_ref: apiVersion and kind from the type, blocking controller") {
  k8s::apps::v1::ReplicaSet rs;
  rs.mutable_metadata()->set_name("web-5d8f");
  rs.mutable_metadata()->set_uid("uid-1");
  auto ref = make_controller_ref(rs);
  CHECK(ref.apiversion() == "apps/v1");
  CHECK(ref.kind() == "ReplicaSet");
  CHECK(ref.name() == "web-5d8f");
  CHECK(ref.uid() == "uid-1");
  CHECK(ref.controller());
  CHECK(ref.blockownerdeletion());

  k8s::core::v1::Pod pod;
  CHECK(!controller_ref(pod.metadata()));
  auto* other = pod.mutable_metadata()->add_ownerreferences();
  other->set_uid("uid-0");
  *pod.mutable_metadata()->add_ownerreferences() = ref;
  REQUIRE(controller_ref(pod.metadata()));
  CHECK(controller_ref(pod.metadata())->uid() == "uid-1");
  CHECK(is_controlled_by(pod.metadata(), "uid-1"));
  CHECK(!is_controlled_by(pod.metadata(), "uid-0"));
  CHECK(remove_owner_ref(*pod.mutable_metadata(), "uid-1"));
  CHECK(!remove_owner_ref(*pod.mutable_metadata(), "uid-1"));
  CHECK(pod.metadata().ownerreferences_size() == 1);
}

TEST_CASE("metadata_of: reflection finds metadata of any API object") {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name("p");
  REQUIRE(metadata_of(pod));
  CHECK(metadata_of(pod)->name() == "p");
  mutable_metadata_of(pod)->set_namespace_("ns");
  CHECK(pod.metadata().namespace_() == "ns");
  k8s::meta::v1::OwnerReference no_meta;
  CHECK(!metadata_of(no_meta));
}

TEST_CASE("selects: an empty or missing selector selects nothing") {
  k8s::core::v1::Pod pod;
  (*pod.mutable_metadata()->mutable_labels())["app"] = "web";
  k8s::meta::v1::LabelSelector sel;
  CHECK(!selects(nullptr, pod.metadata().labels()));
  CHECK(!selects(&sel, pod.metadata().labels()));
  (*sel.mutable_matchlabels())["app"] = "web";
  CHECK(selects(&sel, pod.metadata().labels()));
  (*sel.mutable_matchlabels())["tier"] = "front";
  CHECK(!selects(&sel, pod.metadata().labels()));
}
