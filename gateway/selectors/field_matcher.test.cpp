#include "gateway/selectors/field_matcher.hpp"

#include <doctest/doctest.h>

#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/batch/v1/job.pb.h"
#include "k8s/core/v1/event.pb.h"
#include "k8s/core/v1/node.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "k8s/events/v1/event.pb.h"
#include "messages/codec/from_json.hpp"
#include "messages/registry.hpp"

using namespace kactor::selectors;
using kactor::messages::json;

namespace {

template <class T>
T from(const char* text) {
  T out;
  auto r = kactor::messages::from_json(json::parse(text), out);
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
  return out;
}

// Parses and binds; fails the test when either step fails.
field_matcher bind(std::string_view text, const google::protobuf::Descriptor* kind) {
  auto parsed = parse_field_selector(text);
  REQUIRE(parsed.has_value());
  auto bound = bind_field_selector(*parsed, kind);
  REQUIRE_MESSAGE(bound.has_value(), (bound ? "" : bound.error().message));
  return *bound;
}

std::string bind_error(std::string_view text, const google::protobuf::Descriptor* kind) {
  auto parsed = parse_field_selector(text);
  REQUIRE(parsed.has_value());
  auto bound = bind_field_selector(*parsed, kind);
  REQUIRE_FALSE(bound.has_value());
  return bound.error().message;
}

}  // namespace

TEST_CASE("pods: the node-drain and describe-node selectors") {
  auto pod = from<k8s::core::v1::Pod>(R"({"metadata":{"name":"web","namespace":"default"},
    "spec":{"nodeName":"node1","restartPolicy":"Always"},
    "status":{"phase":"Running","podIP":"10.0.0.5"}})");
  const auto* kind = k8s::core::v1::Pod::descriptor();
  CHECK(bind("spec.nodeName=node1", kind).matches(pod));
  CHECK_FALSE(bind("spec.nodeName=node2", kind).matches(pod));
  auto active = bind("spec.nodeName=node1,status.phase!=Succeeded,status.phase!=Failed", kind);
  CHECK(active.matches(pod));
  pod.mutable_status()->set_phase("Succeeded");
  CHECK_FALSE(active.matches(pod));
  CHECK(bind("metadata.name=web,metadata.namespace=default", kind).matches(pod));
  CHECK(bind("spec.host=node1", kind).matches(pod));
  CHECK(bind("spec.restartPolicy=Always", kind).matches(pod));
}

TEST_CASE("pods: unset fields read as their zero value; podIP comes from podIPs first") {
  auto pod = from<k8s::core::v1::Pod>(R"({"metadata":{"name":"web"}})");
  const auto* kind = k8s::core::v1::Pod::descriptor();
  CHECK(bind("spec.hostNetwork=false", kind).matches(pod));
  CHECK(bind("spec.nodeName=", kind).matches(pod));
  CHECK(bind("status.podIP=", kind).matches(pod));
  pod.mutable_status()->set_podip("10.0.0.9");
  CHECK(bind("status.podIP=10.0.0.9", kind).matches(pod));
  pod.mutable_status()->add_podips()->set_ip("10.0.0.7");
  CHECK(bind("status.podIP=10.0.0.7", kind).matches(pod));
  pod.mutable_spec()->set_hostnetwork(true);
  CHECK(bind("spec.hostNetwork=true", kind).matches(pod));
  CHECK(bind("status.nominatedNodeName=", kind).matches(pod));
}

TEST_CASE("events: the describe selectors, and source falling back to reportingComponent") {
  auto event = from<k8s::core::v1::Event>(R"({"metadata":{"name":"e1","namespace":"default"},
    "involvedObject":{"kind":"Pod","namespace":"default","name":"web","uid":"u-1"},
    "reason":"Scheduled","type":"Normal","reportingComponent":"kactor-scheduler"})");
  const auto* kind = k8s::core::v1::Event::descriptor();
  CHECK(
      bind("involvedObject.namespace=default,involvedObject.uid=u-1,involvedObject.name=web", kind)
          .matches(event));
  CHECK(bind("involvedObject.kind=Pod,type=Normal,reason=Scheduled", kind).matches(event));
  CHECK(bind("source=kactor-scheduler", kind).matches(event));
  event.mutable_source()->set_component("kubelet");
  CHECK(bind("source=kubelet", kind).matches(event));
  CHECK(bind("reportingComponent=kactor-scheduler", kind).matches(event));

  auto node_event = from<k8s::core::v1::Event>(
      R"({"involvedObject":{"kind":"Node","name":"node1","uid":"node1"}})");
  CHECK(bind("involvedObject.namespace=,involvedObject.uid=node1", kind).matches(node_event));
}

TEST_CASE("events.k8s.io events select by regarding.*") {
  auto event = from<k8s::events::v1::Event>(
      R"({"regarding":{"kind":"Pod","name":"web"},"reportingController":"kubelet","type":"Warning"})");
  const auto* kind = k8s::events::v1::Event::descriptor();
  CHECK(bind("regarding.kind=Pod,regarding.name=web,type=Warning", kind).matches(event));
  CHECK(bind("reportingController=kubelet", kind).matches(event));
  CHECK(bind_error("involvedObject.kind=Pod", kind) ==
        "field label not supported: involvedObject.kind");
}

TEST_CASE("nodes, jobs and replica sets: their own fields and Kubernetes' label lists") {
  auto node =
      from<k8s::core::v1::Node>(R"({"metadata":{"name":"n1"},"spec":{"unschedulable":true}})");
  CHECK(bind("spec.unschedulable=true", k8s::core::v1::Node::descriptor()).matches(node));
  CHECK(bind("metadata.name=n1", k8s::core::v1::Node::descriptor()).matches(node));
  CHECK(bind_error("metadata.namespace=", k8s::core::v1::Node::descriptor()) ==
        "field label not supported: metadata.namespace");

  auto job = from<k8s::batch::v1::Job>(R"({"status":{"succeeded":3}})");
  CHECK(bind("status.successful=3", k8s::batch::v1::Job::descriptor()).matches(job));
  CHECK_FALSE(bind("status.successful!=3", k8s::batch::v1::Job::descriptor()).matches(job));

  auto rs = from<k8s::apps::v1::ReplicaSet>(R"({"status":{"replicas":0}})");
  CHECK(bind("status.replicas=0", k8s::apps::v1::ReplicaSet::descriptor()).matches(rs));
}

TEST_CASE("kinds without a table accept metadata.name and metadata.namespace only") {
  const auto* kind = k8s::apps::v1::Deployment::descriptor();
  auto d = from<k8s::apps::v1::Deployment>(R"({"metadata":{"name":"web","namespace":"prod"}})");
  CHECK(bind("metadata.namespace=prod", kind).matches(d));
  CHECK(bind_error("spec.replicas=1", kind) == "field label not supported: spec.replicas");
  CHECK(supported_fields(kind) == std::vector<std::string>{"metadata.name", "metadata.namespace"});
}

TEST_CASE("every table entry resolves for every served kind") {
  for (const auto& resource : kactor::messages::registry::generated().resources()) {
    for (const auto& field : supported_fields(resource.descriptor)) {
      INFO(resource.kind, " ", field);
      CHECK(find_field(resource.descriptor, field) != nullptr);
    }
  }
}
