#include "gateway/rest/changed_fields.hpp"

#include <doctest/doctest.h>

#include "gateway/apply/track_update.hpp"
#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "messages/codec/from_json.hpp"
#include "messages/codec/to_json.hpp"
#include "messages/registry.hpp"

using namespace kactor;
using k8s::core::v1::Pod;
using kactor::rest::changed_fields;

namespace {

Pod pod_from(const char* text) {
  Pod pod;
  auto decoded = messages::from_json(messages::json::parse(text), pod);
  REQUIRE(decoded);
  return pod;
}

Pod base_pod() {
  return pod_from(R"({"metadata":{"name":"web","namespace":"shop","uid":"u1",
  "resourceVersion":"7","labels":{"app":"web"},"annotations":{"a":"1"}},
  "spec":{"containers":[{"name":"web","image":"nginx","ports":[{"containerPort":80}]}],
    "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst"},
  "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False"}]}})");
}

// managedFields after track_update compares the whole objects, and after it compares only
// what changed_fields kept: they must be the same.
messages::json check_same_tracking(const Pod& old, const Pod& updated,
                                   const std::string& subresource) {
  const auto& types = messages::registry::generated();
  apply::apply_options opts{"kubelet", false, "v1", "2026-01-01T00:00:09Z", subresource};
  auto full_old = messages::to_json_object(old, types);
  auto full_new = messages::to_json_object(updated, types);
  apply::track_update(&full_old, full_new, Pod::descriptor(), opts);
  auto pair = changed_fields(old, updated);
  auto cut_old = messages::to_json_object(*pair.old_fields, types);
  auto cut_new = messages::to_json_object(*pair.new_fields, types);
  apply::track_update(&cut_old, cut_new, Pod::descriptor(), opts);
  auto result = full_new["metadata"].value("managedFields", messages::json());
  CHECK(result == cut_new["metadata"].value("managedFields", messages::json()));
  return result;
}

// `base` created by "controller" (its managedFields as track_update computes them).
Pod created() {
  Pod base = base_pod();
  const auto& types = messages::registry::generated();
  auto j = messages::to_json_object(base, types);
  apply::track_update(nullptr, j, Pod::descriptor(),
                      {"controller", false, "v1", "2026-01-01T00:00:00Z", ""});
  Pod out = base;
  Pod parsed;
  REQUIRE(messages::from_json(j, parsed));
  *out.mutable_metadata()->mutable_managedfields() = parsed.metadata().managedfields();
  REQUIRE(out.metadata().managedfields_size() == 1);
  return out;
}

}  // namespace

TEST_CASE("equal fields are dropped, managedFields and the differences kept") {
  Pod old = created();
  Pod updated = old;
  updated.mutable_status()->set_phase("Running");
  updated.mutable_metadata()->set_resourceversion("8");
  auto pair = changed_fields(old, updated);
  auto& o = dynamic_cast<Pod&>(*pair.old_fields);
  auto& n = dynamic_cast<Pod&>(*pair.new_fields);
  CHECK_FALSE(n.has_spec());
  CHECK_FALSE(o.has_spec());
  CHECK(n.status().phase() == "Running");
  CHECK(o.status().phase() == "Pending");
  CHECK(n.status().conditions_size() == 0);  // equal below status: dropped too
  CHECK(n.metadata().resourceversion() == "8");
  CHECK(n.metadata().name().empty());
  CHECK(n.metadata().managedfields_size() == 1);
  CHECK(o.metadata().managedfields_size() == 1);
}

TEST_CASE("identical objects leave only managedFields") {
  Pod old = created();
  auto pair = changed_fields(old, old);
  auto& n = dynamic_cast<Pod&>(*pair.new_fields);
  CHECK_FALSE(n.has_spec());
  CHECK_FALSE(n.has_status());
  CHECK(n.metadata().managedfields_size() == 1);
  CHECK(n.metadata().name().empty());
}

TEST_CASE("tracking what changed gives the managedFields of tracking the whole objects") {
  Pod old = created();
  SUBCASE("a status write") {
    Pod updated = old;
    updated.mutable_status()->set_phase("Running");
    updated.mutable_status()->set_podip("10.0.0.5");
    updated.mutable_status()->mutable_conditions(0)->set_status("True");
    auto managed = check_same_tracking(old, updated, "status");
    REQUIRE(managed.size() == 2);
    CHECK(managed[1]["manager"] == "kubelet");
    CHECK(managed[1]["subresource"] == "status");
    check_same_tracking(updated, old, "status");
  }
  SUBCASE("a binding") {
    Pod updated = old;
    updated.mutable_spec()->set_nodename("node-1");
    (*updated.mutable_metadata()->mutable_annotations())["b"] = "2";
    updated.mutable_status()->mutable_conditions(0)->set_status("True");
    check_same_tracking(old, updated, "binding");
  }
  SUBCASE("an update that removes, adds and changes") {
    Pod updated = old;
    updated.mutable_metadata()->mutable_labels()->clear();
    updated.mutable_spec()->mutable_containers(0)->set_image("nginx:2");
    updated.mutable_spec()->mutable_containers(0)->clear_ports();
    updated.mutable_spec()->clear_terminationgraceperiodseconds();
    updated.mutable_spec()->set_hostname("h");
    updated.mutable_spec()->add_containers()->set_name("side");
    check_same_tracking(old, updated, "");
    check_same_tracking(updated, old, "");
  }
  SUBCASE("a client that sends managedFields") {
    Pod updated = old;
    updated.mutable_metadata()->clear_managedfields();
    updated.mutable_metadata()->add_managedfields();  // [{}]: reset
    updated.mutable_spec()->set_hostname("h");
    check_same_tracking(old, updated, "");
  }
  SUBCASE("nothing changed") {
    check_same_tracking(old, old, "");
    check_same_tracking(old, old, "status");
  }
  SUBCASE("an object without managedFields") {
    Pod base = base_pod();
    Pod updated = base;
    updated.mutable_spec()->set_hostname("h");
    check_same_tracking(base, updated, "");
  }
}
