#include "messages/registry.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "k8s/meta/v1/status.pb.h"
#include "k8s/meta/v1/table.pb.h"

using namespace kactor::messages;

TEST_CASE("kinds are found by apiVersion and kind") {
  const registry& r = registry::generated();
  CHECK(r.find_kind("apps/v1", "Deployment") == k8s::apps::v1::Deployment::descriptor());
  CHECK(r.find_kind("v1", "Pod") == k8s::core::v1::Pod::descriptor());
  CHECK(r.find_kind("v1", "PodList") == k8s::core::v1::PodList::descriptor());
  CHECK(r.find_kind("v1", "Foo") == nullptr);
  CHECK(r.find_kind("apps/v2", "Deployment") == nullptr);
  CHECK(r.find_kind("v1", "Deployment") == nullptr);
}

TEST_CASE("meta kinds are found under any group-version") {
  const registry& r = registry::generated();
  CHECK(r.find_kind("v1", "Status") == k8s::meta::v1::Status::descriptor());
  CHECK(r.find_kind("apps/v1", "Status") == k8s::meta::v1::Status::descriptor());
  CHECK(r.find_kind("meta.k8s.io/v1", "Table") == k8s::meta::v1::Table::descriptor());
  CHECK(r.find_kind("batch/v1", "DeleteOptions") != nullptr);
  CHECK(r.find_kind("v1", "WatchEvent") != nullptr);
  CHECK(r.find_kind("v1", "ObjectMeta") == nullptr);
}

TEST_CASE("TypeMeta of message types") {
  const registry& r = registry::generated();
  auto deployment = r.type_meta_of(k8s::apps::v1::Deployment::descriptor());
  REQUIRE(deployment);
  CHECK(deployment->api_version == "apps/v1");
  CHECK(deployment->kind == "Deployment");
  CHECK(r.type_meta_of(k8s::core::v1::PodList::descriptor())->api_version == "v1");
  CHECK(r.type_meta_of(k8s::meta::v1::Status::descriptor())->api_version == "v1");
  CHECK(r.type_meta_of(k8s::meta::v1::Table::descriptor())->api_version == "meta.k8s.io/v1");
  CHECK_FALSE(r.type_meta_of(google::protobuf::FileDescriptorProto::descriptor()));
}

TEST_CASE("resources carry what discovery needs") {
  const registry& r = registry::generated();
  const resource_info* pods = r.find_resource("", "v1", "pods");
  REQUIRE(pods);
  CHECK(pods->kind == "Pod");
  CHECK(pods->singular == "pod");
  CHECK(pods->namespaced);
  CHECK(pods->api_version() == "v1");
  CHECK(pods->short_names == std::vector<std::string>{"po"});
  CHECK(pods->categories == std::vector<std::string>{"all"});
  CHECK(std::count(pods->subresources.begin(), pods->subresources.end(), "status") == 1);
  CHECK(pods->verbs.size() == 8);
  CHECK(pods->descriptor == k8s::core::v1::Pod::descriptor());
  CHECK(pods->list_descriptor == k8s::core::v1::PodList::descriptor());

  const resource_info* deployments = r.find_resource("apps", "v1", "deployments");
  REQUIRE(deployments);
  CHECK(deployments->api_version() == "apps/v1");
  CHECK(std::count(deployments->subresources.begin(), deployments->subresources.end(), "scale"));
  CHECK(r.find_resource("apps", "v1", "pods") == nullptr);
  CHECK(r.find_resource_for_kind("apps/v1", "Deployment") == deployments);

  const resource_info* namespaces = r.find_resource("", "v1", "namespaces");
  REQUIRE(namespaces);
  CHECK_FALSE(namespaces->namespaced);
}

TEST_CASE("names resolve as kubectl resolves them") {
  const registry& r = registry::generated();
  CHECK(r.find_resource_by_name("deploy")->kind == "Deployment");
  CHECK(r.find_resource_by_name("deployments")->kind == "Deployment");
  CHECK(r.find_resource_by_name("deployment")->kind == "Deployment");
  CHECK(r.find_resource_by_name("Deployment")->kind == "Deployment");
  CHECK(r.find_resource_by_name("deployments.apps")->group == "apps");
  CHECK(r.find_resource_by_name("deployments.v1.apps")->version == "v1");
  CHECK(r.find_resource_by_name("po")->kind == "Pod");
  CHECK(r.find_resource_by_name("deployments.batch") == nullptr);
  CHECK(r.find_resource_by_name("nothing") == nullptr);
  const resource_info* hpa = r.find_resource_by_name("hpa");
  REQUIRE(hpa);
  CHECK(hpa->group == "autoscaling");
  CHECK(hpa->version == "v2");  // the preferred version
}

TEST_CASE("resources come in a stable order: core first, newer versions first") {
  const auto& all = registry::generated().resources();
  REQUIRE_FALSE(all.empty());
  CHECK(all.front().group.empty());
  for (std::size_t i = 1; i < all.size(); ++i) {
    const auto& a = all[i - 1];
    const auto& b = all[i];
    bool ordered = a.group < b.group ||
                   (a.group == b.group && (version_precedes(a.version, b.version) ||
                                           (a.version == b.version && a.plural < b.plural)));
    CHECK_MESSAGE(ordered,
                  (a.api_version() + " " + a.plural + " / " + b.api_version() + " " + b.plural));
  }
  const auto& gvs = registry::generated().group_versions();
  REQUIRE_FALSE(gvs.empty());
  CHECK((gvs.front() == group_version{"", "v1"}));
  CHECK((std::count(gvs.begin(), gvs.end(), group_version{"apps", "v1"}) == 1));
}

TEST_CASE("versions order by Kubernetes priority") {
  CHECK(version_precedes("v2", "v1"));
  CHECK(version_precedes("v1", "v1beta1"));
  CHECK(version_precedes("v1beta2", "v1beta1"));
  CHECK(version_precedes("v2beta1", "v1beta1"));
  CHECK(version_precedes("v1beta1", "v1alpha1"));
  CHECK(version_precedes("v1alpha1", "other"));
  CHECK_FALSE(version_precedes("v1", "v2"));
}

TEST_CASE("new_message makes an empty message of the type") {
  const registry& r = registry::generated();
  auto m = r.new_message(r.find_kind("apps/v1", "Deployment"));
  REQUIRE(m);
  CHECK(m->GetDescriptor() == k8s::apps::v1::Deployment::descriptor());
  CHECK(m->ByteSizeLong() == 0);
  CHECK(r.new_message(nullptr) == nullptr);
}

TEST_CASE("a registry built from some files knows only their kinds") {
  registry meta_only(*google::protobuf::DescriptorPool::generated_pool(),
                     {"k8s/meta/v1/status.proto", "no/such/file.proto"});
  CHECK(meta_only.find_kind("v1", "Status") != nullptr);
  CHECK(meta_only.find_kind("apps/v1", "Deployment") == nullptr);
  CHECK(meta_only.resources().empty());
}
