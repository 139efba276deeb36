#include "messages/codec/to_json.hpp"

#include <doctest/doctest.h>

#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/coordination/v1/lease.pb.h"
#include "k8s/core/v1/config.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "k8s/core/v1/service.pb.h"
#include "k8s/meta/v1/discovery.pb.h"
#include "k8s/meta/v1/status.pb.h"
#include "k8s/meta/v1/table.pb.h"
#include "k8s/meta/v1/watch.pb.h"
#include "messages/registry.hpp"

using namespace kactor::messages;

TEST_CASE("fields are written iff present, zero values included") {
  k8s::apps::v1::Deployment d;
  d.mutable_spec()->set_replicas(0);
  d.mutable_spec()->mutable_template_()->mutable_spec()->set_shareprocessnamespace(false);
  json j = to_json(d);
  CHECK(j.dump() ==
        R"({"spec":{"replicas":0,"template":{"spec":{"shareProcessNamespace":false}}}})");
  CHECK(to_json(k8s::apps::v1::Deployment{}).dump() == "{}");
}

TEST_CASE("members follow declaration order, maps are sorted, TypeMeta leads") {
  k8s::apps::v1::Deployment d;
  d.mutable_spec()->set_replicas(2);
  auto* meta = d.mutable_metadata();
  (*meta->mutable_labels())["tier"] = "web";
  (*meta->mutable_labels())["app"] = "shop";
  meta->set_namespace_("shop");
  meta->set_name("web");
  meta->set_generation(9007199254740993);  // beyond double precision: must stay exact
  CHECK(to_json_object(d, registry::generated()).dump() ==
        R"({"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web",)"
        R"("namespace":"shop","generation":9007199254740993,"labels":{"app":"shop",)"
        R"("tier":"web"}},"spec":{"replicas":2}})");
}

TEST_CASE("bytes are base64, strings map values stay strings") {
  k8s::core::v1::Secret s;
  (*s.mutable_data())["token"] = "secret-token";
  (*s.mutable_data())["bin"] = std::string("\x00\x01", 2);
  CHECK(to_json(s).dump() == R"({"data":{"bin":"AAE=","token":"c2VjcmV0LXRva2Vu"}})");
}

TEST_CASE("times: RFC 3339 seconds, MicroTime microseconds, empty means unset") {
  k8s::meta::v1::ObjectMeta meta;
  meta.mutable_creationtimestamp()->set_seconds(1767323045);
  meta.mutable_creationtimestamp()->set_nanos(999);
  meta.mutable_deletiontimestamp();  // empty: Go's zero time, omitted
  CHECK(to_json(meta).dump() == R"({"creationTimestamp":"2026-01-02T03:04:05Z"})");

  k8s::coordination::v1::LeaseSpec lease;
  lease.mutable_renewtime()->set_seconds(1767323055);
  lease.mutable_renewtime()->set_nanos(123456789);
  CHECK(to_json(lease).dump() == R"({"renewTime":"2026-01-02T03:04:15.123456Z"})");

  k8s::meta::v1::Duration duration;
  duration.set_duration(90'000'000'000);
  CHECK(to_json(duration) == json("1m30s"));
}

TEST_CASE("quantities as written, IntOrString as number or string") {
  k8s::core::v1::Container c;
  (*c.mutable_resources()->mutable_limits())["cpu"].set_string("500m");
  (*c.mutable_resources()->mutable_limits())["memory"].set_string("1Gi");
  CHECK(to_json(c).dump() == R"({"resources":{"limits":{"cpu":"500m","memory":"1Gi"}}})");

  k8s::core::v1::ServicePort port;
  port.mutable_targetport()->set_type(0);
  port.mutable_targetport()->set_intval(8080);
  CHECK(to_json(port).dump() == R"({"targetPort":8080})");
  port.mutable_targetport()->set_type(1);
  port.mutable_targetport()->set_strval("http");
  CHECK(to_json(port).dump() == R"({"targetPort":"http"})");
  port.mutable_targetport()->Clear();
  CHECK(to_json(port).dump() == "{}");
}

TEST_CASE("inlined fields write their members into the parent") {
  k8s::core::v1::Volume v;
  v.set_name("scratch");
  v.mutable_volumesource()->mutable_emptydir();
  CHECK(to_json(v).dump() == R"({"name":"scratch","emptyDir":{}})");
}

TEST_CASE("RAW embeds JSON inline, LIST writes a bare array") {
  k8s::meta::v1::WatchEvent event;
  event.set_type("ADDED");
  event.mutable_object()->set_raw(R"({"kind":"Pod","metadata":{"name":"a"}})");
  CHECK(to_json(event).dump() ==
        R"({"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"a"}}})");
  event.mutable_object()->set_raw(std::string("\x0a\x01", 2));
  CHECK(to_json(event)["object"] == json("CgE="));

  k8s::meta::v1::TableRow row;
  row.add_cells()->set_raw(R"("web")");
  row.add_cells()->set_raw("3");
  row.add_cells();
  CHECK(to_json(row).dump() == R"({"cells":["web",3,null]})");

  k8s::meta::v1::APIResource resource;
  resource.set_name("pods");
  resource.set_namespaced(true);
  resource.mutable_verbs()->add_items("get");
  resource.mutable_verbs()->add_items("list");
  CHECK(to_json(resource).dump() == R"({"name":"pods","namespaced":true,"verbs":["get","list"]})");
  resource.mutable_verbs()->clear_items();
  CHECK(to_json(resource)["verbs"] == json::array());
}

TEST_CASE("Status is written with apiVersion v1") {
  k8s::meta::v1::Status status;
  status.set_status("Failure");
  status.set_code(404);
  CHECK(to_json_object(status, registry::generated()).dump() ==
        R"({"kind":"Status","apiVersion":"v1","status":"Failure","code":404})");
}
