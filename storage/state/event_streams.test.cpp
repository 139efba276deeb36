#include "storage/state/event_streams.hpp"

#include <doctest/doctest.h>

#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "storage/state/watch_events.hpp"

namespace kactor::state {

namespace {

using bus::v1::WatchEvent;

const key_space& keys() {
  static const key_space space(messages::registry::generated());
  return space;
}

std::string pod_on(const std::string& node) {
  k8s::core::v1::Pod p;
  p.mutable_metadata()->set_name("web");
  p.mutable_metadata()->set_namespace_("default");
  if (!node.empty()) p.mutable_spec()->set_nodename(node);
  return p.SerializeAsString();
}

constexpr const char* pod_key = "/registry/pods/default/web";

// The write result of a put of `value` at `rev` replacing `prev` (if any).
storage::write_result put(storage::revision rev, std::string value,
                          std::optional<storage::key_value> prev, std::string key = pod_key) {
  storage::event ev;
  ev.type = storage::event::kind::put;
  ev.kv = {key, prev ? prev->create_revision : rev, rev, prev ? prev->version + 1 : 1, value};
  ev.prev = std::move(prev);
  return {rev, {ev}};
}

storage::write_result remove(storage::revision rev, storage::key_value prev) {
  storage::event ev;
  ev.type = storage::event::kind::remove;
  ev.kv.key = prev.key;
  ev.kv.mod_revision = rev;
  ev.prev = std::move(prev);
  return {rev, {ev}};
}

WatchEvent parse(const publication& p) {
  WatchEvent ev;
  REQUIRE(ev.ParseFromString(p.payload));
  return ev;
}

std::string rv_of(const std::string& pod) {
  k8s::core::v1::Pod p;
  REQUIRE(p.ParseFromString(pod));
  return p.metadata().resourceversion();
}

}  // namespace

TEST_CASE("a pod's life on its resource stream and on its nodes' streams") {
  event_streams streams(keys(), 77, 1);
  auto r2 = streams.on_commit(put(2, pod_on(""), std::nullopt));
  REQUIRE(r2.size() == 1);
  CHECK(r2[0].subject == "kactor.v1.events.core.pods.default.web");
  auto added = parse(r2[0]);
  CHECK(added.type() == WatchEvent::ADDED);
  CHECK(added.revision() == 2);
  CHECK(added.sequence() == 1);
  CHECK(added.epoch() == 77);
  CHECK(added.name() == "web");
  CHECK(added.namespace_() == "default");
  CHECK(rv_of(added.object()) == "2");
  CHECK(added.previous_object().empty());

  storage::key_value v2{pod_key, 2, 2, 1, pod_on("")};
  auto r3 = streams.on_commit(put(3, pod_on("node1"), v2));  // bound by the scheduler
  REQUIRE(r3.size() == 2);
  CHECK(parse(r3[0]).type() == WatchEvent::MODIFIED);
  CHECK(parse(r3[0]).sequence() == 2);
  CHECK(rv_of(parse(r3[0]).previous_object()) == "2");
  CHECK(r3[1].subject == "kactor.v1.nodes.node1.pods.default.web");
  CHECK(parse(r3[1]).type() == WatchEvent::ADDED);
  CHECK(parse(r3[1]).sequence() == 1);
  CHECK(parse(r3[1]).previous_object().empty());

  storage::key_value v3{pod_key, 2, 3, 2, pod_on("node1")};
  auto r4 = streams.on_commit(put(4, pod_on("node1"), v3));  // status update
  REQUIRE(r4.size() == 2);
  CHECK(parse(r4[1]).type() == WatchEvent::MODIFIED);
  CHECK(parse(r4[1]).sequence() == 2);
  CHECK(parse(r4[1]).revision() == 4);

  storage::key_value v4{pod_key, 2, 4, 3, pod_on("node1")};
  auto r5 = streams.on_commit(put(5, pod_on("node2.example.com"), v4));  // moved
  REQUIRE(r5.size() == 3);
  CHECK(r5[1].subject == "kactor.v1.nodes.node1.pods.default.web");
  auto left = parse(r5[1]);
  CHECK(left.type() == WatchEvent::DELETED);
  CHECK(left.sequence() == 3);
  CHECK(left.revision() == 5);
  CHECK(node_of_pod(left.object()) == "node1");
  CHECK(rv_of(left.object()) == "5");
  CHECK(r5[2].subject == "kactor.v1.nodes.node2%2Eexample%2Ecom.pods.default.web");
  CHECK(parse(r5[2]).type() == WatchEvent::ADDED);
  CHECK(parse(r5[2]).sequence() == 1);

  storage::key_value v5{pod_key, 2, 5, 4, pod_on("node2.example.com")};
  auto r6 = streams.on_commit(remove(6, v5));
  REQUIRE(r6.size() == 2);
  auto deleted = parse(r6[0]);
  CHECK(deleted.type() == WatchEvent::DELETED);
  CHECK(deleted.sequence() == 5);
  CHECK(rv_of(deleted.object()) == "6");
  CHECK(rv_of(deleted.previous_object()) == "5");
  CHECK(parse(r6[1]).type() == WatchEvent::DELETED);
  CHECK(parse(r6[1]).sequence() == 2);

  CHECK(streams.resource_sequence("", "pods") == 5);
  CHECK(streams.node_sequence("node1") == 3);
  CHECK(streams.node_sequence("node2.example.com") == 2);
  CHECK(streams.last_revision() == 6);
}

TEST_CASE("each resource has its own sequence; a commit out of order publishes nothing") {
  event_streams streams(keys(), 1, 10);
  k8s::apps::v1::Deployment d;
  d.mutable_metadata()->set_name("web");
  d.mutable_metadata()->set_namespace_("default");
  auto pods = streams.on_commit(put(11, pod_on(""), std::nullopt));
  auto deployments = streams.on_commit(
      put(12, d.SerializeAsString(), std::nullopt, "/registry/deployments/default/web"));
  REQUIRE(deployments.size() == 1);
  CHECK(deployments[0].subject == "kactor.v1.events.apps.deployments.default.web");
  CHECK(parse(deployments[0]).sequence() == 1);
  CHECK(streams.on_commit(put(12, pod_on(""), std::nullopt)).empty());
  CHECK(streams.on_commit(put(5, pod_on(""), std::nullopt)).empty());
  CHECK(streams.resource_sequence("", "pods") == 1);
}

TEST_CASE("bookmarks repeat each stream's last sequence at the last revision") {
  event_streams streams(keys(), 3, 1);
  CHECK(streams.bookmarks(false).empty());
  streams.on_commit(put(2, pod_on("node1"), std::nullopt));
  auto marks = streams.bookmarks(false);
  REQUIRE(marks.size() == 2);
  CHECK(marks[0].subject == "kactor.v1.events.core.pods._bookmark");
  CHECK(marks[1].subject == "kactor.v1.nodes.node1.pods._bookmark");
  for (const auto& mark : marks) {
    auto ev = parse(mark);
    CHECK(ev.type() == WatchEvent::BOOKMARK);
    CHECK(ev.revision() == 2);
    CHECK(ev.sequence() == 1);
    CHECK(ev.epoch() == 3);
    CHECK(ev.object().empty());
  }
  CHECK(streams.bookmarks(false).empty());  // nothing new since

  auto every = streams.bookmarks(true);
  bool nodes_stream = false, node1 = false;
  for (const auto& mark : every) {
    nodes_stream |= mark.subject == "kactor.v1.events.core.nodes._bookmark";
    node1 |= mark.subject == "kactor.v1.nodes.node1.pods._bookmark";
    if (mark.subject == "kactor.v1.events.core.nodes._bookmark") CHECK(parse(mark).sequence() == 0);
  }
  CHECK(nodes_stream);
  CHECK(node1);
  CHECK(every.size() > 20);
}

}  // namespace kactor::state
