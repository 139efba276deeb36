#include "messages/codec/from_json.hpp"

#include <doctest/doctest.h>

#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/coordination/v1/lease.pb.h"
#include "k8s/core/v1/config.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "k8s/core/v1/service.pb.h"
#include "k8s/meta/v1/discovery.pb.h"
#include "k8s/meta/v1/table.pb.h"
#include "k8s/networking/v1/ingress.pb.h"
#include "messages/codec/to_json.hpp"
#include "messages/codec/yaml.hpp"

using namespace kactor::messages;

namespace {

// Decodes `text` (JSON) into a fresh M; the codec error text when it fails.
template <class M>
std::string error_of(std::string_view text, decode_options options = {}) {
  M m;
  auto r = from_json(json::parse(text), m, options);
  REQUIRE_FALSE(r);
  return r.error().message;
}

}  // namespace

TEST_CASE("presence survives: zero values are set, null is absent") {
  k8s::apps::v1::Deployment d;
  auto r = from_json(json::parse(R"({"spec": {"replicas": 0, "paused": false,
    "revisionHistoryLimit": null, "template": {"spec": {"shareProcessNamespace": false}}}})"),
                     d);
  REQUIRE(r);
  CHECK(r->empty());
  CHECK(d.spec().has_replicas());
  CHECK(d.spec().replicas() == 0);
  CHECK(d.spec().has_paused());
  CHECK_FALSE(d.spec().has_revisionhistorylimit());
  CHECK(d.spec().template_().spec().has_shareprocessnamespace());
}

TEST_CASE("special forms decode") {
  k8s::core::v1::Pod pod;
  auto r = from_json(json::parse(R"({
    "metadata": {"creationTimestamp": "2026-01-02T05:04:05+02:00", "generation": 9007199254740993},
    "spec": {"containers": [{"name": "a", "resources": {"limits": {"cpu": 1, "memory": " 1Gi "}},
                             "ports": [{"containerPort": 80}],
                             "readinessProbe": {"httpGet": {"port": "http"}}}],
             "volumes": [{"name": "v", "emptyDir": {"sizeLimit": "64Mi"}}]}})"),
                     pod);
  REQUIRE_MESSAGE(r, r.error().message);
  CHECK(pod.metadata().creationtimestamp().seconds() == 1767323045);
  CHECK(pod.metadata().generation() == 9007199254740993);
  const auto& c = pod.spec().containers(0);
  CHECK(c.resources().limits().at("cpu").string() == "1");
  CHECK(c.resources().limits().at("memory").string() == "1Gi");
  CHECK(c.readinessprobe().handler().httpget().port().type() == 1);
  CHECK(c.readinessprobe().handler().httpget().port().strval() == "http");
  CHECK(pod.spec().volumes(0).volumesource().emptydir().sizelimit().string() == "64Mi");

  k8s::coordination::v1::LeaseSpec lease;
  REQUIRE(from_json(json::parse(R"({"renewTime": "2026-01-02T03:04:15.123456Z"})"), lease));
  CHECK(lease.renewtime().nanos() == 123456000);

  k8s::core::v1::Secret secret;
  REQUIRE(from_json(json::parse(R"({"data": {"t": "c2VjcmV0"}})"), secret));
  CHECK(secret.data().at("t") == "secret");

  k8s::meta::v1::TableRow row;
  REQUIRE(from_json(json::parse(R"({"cells": ["web", 3, null, {"a": [1]}]})"), row));
  REQUIRE(row.cells_size() == 4);
  CHECK(row.cells(0).raw() == R"("web")");
  CHECK(row.cells(2).raw().empty());
  CHECK(row.cells(3).raw() == R"({"a":[1]})");

  k8s::meta::v1::APIResource resource;
  REQUIRE(from_json(json::parse(R"({"verbs": ["get", "list"]})"), resource));
  CHECK(resource.verbs().items_size() == 2);

  k8s::meta::v1::Duration duration;
  REQUIRE(from_json(json("1h0m0s"), duration));
  CHECK(duration.duration() == 3'600'000'000'000);
}

TEST_CASE("wrong JSON types name path, expectation and finding") {
  using k8s::apps::v1::Deployment;
  CHECK(error_of<Deployment>(R"({"spec": {"replicas": "three"}})") ==
        R"(spec.replicas: expected integer, got string "three")");
  CHECK(error_of<Deployment>(R"({"spec": {"replicas": 1.5}})") ==
        "spec.replicas: expected integer, got number 1.5");
  CHECK(error_of<Deployment>(R"({"spec": {"replicas": 3000000000}})") ==
        "spec.replicas: value 3000000000 out of range for int32");
  CHECK(error_of<Deployment>(R"({"metadata": {"name": {"a": 1}}})") ==
        "metadata.name: expected string, got object");
  CHECK(error_of<Deployment>(R"({"metadata": {"labels": ["a"]}})") ==
        "metadata.labels: expected object, got array");
  CHECK(error_of<Deployment>(R"({"metadata": {"labels": {"a": 1}}})") ==
        "metadata.labels.a: expected string, got number 1");
  CHECK(error_of<Deployment>(R"({"spec": {"paused": "true"}})") ==
        R"(spec.paused: expected boolean, got string "true")");
  CHECK(error_of<Deployment>(R"({"spec": {"template": {"spec": {"containers": {}}}}})") ==
        "spec.template.spec.containers: expected array, got object");
  CHECK(error_of<Deployment>(R"({"spec": {"strategy": {"rollingUpdate": {"maxSurge": 1.5}}}})") ==
        "spec.strategy.rollingUpdate.maxSurge: expected integer or string, got number 1.5");
  CHECK(error_of<Deployment>(R"([])") == "expected object, got array");
}

TEST_CASE("invalid quantities, times and base64 are rejected with the reason") {
  CHECK(error_of<k8s::core::v1::Container>(R"({"resources": {"limits": {"cpu": "5 Gi"}}})") ==
        "resources.limits.cpu: invalid quantity \"5 Gi\": quantities must match the regular "
        "expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  CHECK(error_of<k8s::core::v1::Container>(R"({"resources": {"limits": {"cpu": true}}})") ==
        "resources.limits.cpu: expected quantity (string or number), got boolean true");
  CHECK(error_of<k8s::meta::v1::ObjectMeta>(R"({"creationTimestamp": "yesterday"})") ==
        "creationTimestamp: invalid time \"yesterday\": expected RFC 3339 like "
        "2006-01-02T15:04:05Z");
  CHECK(error_of<k8s::meta::v1::ObjectMeta>(R"({"creationTimestamp": 5})") ==
        "creationTimestamp: expected RFC 3339 time string, got number 5");
  CHECK(error_of<k8s::core::v1::Secret>(R"({"data": {"t": "c2V*"}})") ==
        "data.t: illegal base64 data at input byte 3");
}

TEST_CASE("unknown fields: warnings when lenient, one error listing all when strict") {
  const char* text = R"({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "nam": "b"},
    "spec": {"containers": [{"name": "c", "imagee": "x"}]}, "extra": 1})";
  k8s::core::v1::Pod pod;
  auto lenient = from_json(json::parse(text), pod);
  REQUIRE(lenient);
  CHECK(*lenient == std::vector<std::string>{"unknown field \"metadata.nam\"",
                                             "unknown field \"spec.containers[0].imagee\"",
                                             "unknown field \"extra\""});
  CHECK(pod.metadata().name() == "a");
  CHECK(pod.spec().containers(0).name() == "c");

  k8s::core::v1::Pod strict_pod;
  auto strict = from_json(json::parse(text), strict_pod, {.strict = true});
  REQUIRE_FALSE(strict);
  CHECK(strict.error().code == codec_errc::unknown_field);
  CHECK(strict.error().message ==
        "strict decoding error: unknown field \"metadata.nam\", unknown field "
        "\"spec.containers[0].imagee\", unknown field \"extra\"");
}

TEST_CASE("apiVersion and kind are only accepted where Go embeds TypeMeta") {
  k8s::core::v1::PodList list;
  auto r = from_json(json::parse(R"({"apiVersion": "v1", "kind": "PodList",
    "items": [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}}]})"),
                     list);
  REQUIRE(r);
  CHECK(r->empty());
  k8s::core::v1::Pod pod;
  auto nested = from_json(json::parse(R"({"spec": {"kind": "x"}})"), pod);
  REQUIRE(nested);
  CHECK(*nested == std::vector<std::string>{"unknown field \"spec.kind\""});
}

TEST_CASE("members of inlined fields are accepted at the parent level") {
  k8s::core::v1::Volume v;
  REQUIRE(from_json(
      json::parse(R"({"name": "cfg", "configMap": {"name": "web", "defaultMode": 420}})"), v));
  CHECK(v.volumesource().configmap().defaultmode() == 420);
  auto unknown = from_json(json::parse(R"({"name": "x", "volumeSource": {}})"), v);
  REQUIRE(unknown);
  CHECK(*unknown == std::vector<std::string>{"unknown field \"volumeSource\""});
}

TEST_CASE("YAML lines and duplicate fields reach the messages") {
  auto docs = parse_yaml(R"(metadata:
  name: web
  name: web2
spec:
  replicas: three
)");
  REQUIRE(docs);
  const document& doc = docs->front();
  k8s::apps::v1::Deployment d;
  auto bad = from_json(doc.value, d, {.lines = &doc.lines});
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message == R"(spec.replicas: expected integer, got string "three" (line 5))");

  auto fixed = parse_yaml("metadata:\n  name: a\n  name: b\n  labelz: {}\n");
  const document& ok = fixed->front();
  k8s::apps::v1::Deployment d2;
  auto strict = from_json(
      ok.value, d2, {.strict = true, .lines = &ok.lines, .duplicate_fields = ok.duplicate_fields});
  REQUIRE_FALSE(strict);
  CHECK(strict.error().message ==
        "strict decoding error: unknown field \"metadata.labelz\" (line 4), duplicate field "
        "\"metadata.name\" (line 2)");
  k8s::apps::v1::Deployment d3;
  auto lenient =
      from_json(ok.value, d3, {.lines = &ok.lines, .duplicate_fields = ok.duplicate_fields});
  REQUIRE(lenient);
  CHECK(*lenient == std::vector<std::string>{"unknown field \"metadata.labelz\"",
                                             "duplicate field \"metadata.name\""});
  CHECK(d3.metadata().name() == "b");
}

TEST_CASE("to_json and from_json are inverse on a rich object") {
  // Members in declaration order, so the comparison also checks the output order.
  const char* text = R"({"metadata":{"name":"web","labels":{"a":"1"}},"spec":{"replicas":0,
    "selector":{"matchLabels":{"a":"1"}},"template":{"spec":{"containers":[
    {"name":"c","image":"host","env":[{"name":"X","value":""}]}]}},"strategy":{
    "type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":1}}}})";
  k8s::apps::v1::Deployment d;
  REQUIRE(from_json(json::parse(text), d));
  CHECK(to_json(d).dump() == json::parse(text).dump());
}

TEST_CASE("fields whose protobuf name differs from the JSON name use the JSON name") {
  k8s::networking::v1::IngressClass c;
  auto in = json::parse(R"({"spec": {"controller": "kactor.io/ingress",
    "parameters": {"apiGroup": "k8s.example.com", "kind": "Params", "name": "p"}}})");
  REQUIRE(from_json(in, c));
  CHECK(c.spec().parameters().apigroup() == "k8s.example.com");
  CHECK(to_json(c) == in);
  CHECK(error_of<k8s::networking::v1::IngressClass>(
            R"({"spec": {"parameters": {"aPIGroup": "x"}}})", {.strict = true})
            .find(R"(unknown field "spec.parameters.aPIGroup")") != std::string::npos);
}
