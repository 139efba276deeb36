#include "messages/manifest.hpp"

#include <doctest/doctest.h>

#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/config.pb.h"

using namespace kactor::messages;

namespace {

std::string error_of(std::string_view text, bool strict = false) {
  auto r = decode_manifests(text, registry::generated(), strict);
  REQUIRE_FALSE(r);
  return r.error().message;
}

}  // namespace

TEST_CASE("a multi-document manifest decodes every object with its type") {
  auto objects = decode_manifests(R"(---
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
data: {k: v}
---
# empty
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
)",
                                  registry::generated());
  REQUIRE_MESSAGE(objects, objects.error().message);
  REQUIRE(objects->size() == 2);
  CHECK((*objects)[0].kind == "ConfigMap");
  CHECK((*objects)[0].api_version == "v1");
  CHECK(dynamic_cast<k8s::core::v1::ConfigMap&>(*(*objects)[0].object).data().at("k") == "v");
  CHECK((*objects)[1].kind == "Deployment");
  CHECK(dynamic_cast<k8s::apps::v1::Deployment&>(*(*objects)[1].object).spec().replicas() == 2);
}

TEST_CASE("JSON manifests and kind: List expand") {
  auto objects = decode_manifests(R"({"apiVersion": "v1", "kind": "List", "items": [
    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}},
    {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "b"}, "bogus": 1}]})",
                                  registry::generated());
  REQUIRE_MESSAGE(objects, objects.error().message);
  REQUIRE(objects->size() == 2);
  CHECK((*objects)[1].kind == "Secret");
  CHECK((*objects)[1].warnings == std::vector<std::string>{"unknown field \"items[1].bogus\""});
}

TEST_CASE("missing and unknown kinds") {
  CHECK(error_of("apiVersion: v1\nmetadata:\n  name: x\n") ==
        R"(Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}')");
  CHECK(error_of("kind: Pod\n") == R"(Object 'apiVersion' is missing in '{"kind":"Pod"}')");
  CHECK(error_of("apiVersion: v1\nkind: Foo\n") == R"(no matches for kind "Foo" in version "v1")");
  CHECK(error_of("apiVersion: apps/v1\nkind: Pod\n") ==
        R"(no matches for kind "Pod" in version "apps/v1")");
  CHECK(error_of("apiVersion: v1\nkind: 5\n") == "kind: expected string, got number 5 (line 2)");
  CHECK(error_of("just text\n") == R"(expected object, got string "just text" (line 1))");
  auto code = decode_manifests("kind: Pod\n", registry::generated());
  CHECK(code.error().code == codec_errc::missing_kind);
  auto unknown = decode_manifests("apiVersion: v1\nkind: Foo\n", registry::generated());
  CHECK(unknown.error().code == codec_errc::unknown_kind);
}

TEST_CASE("errors in a stream name the document and the line") {
  const char* text = R"(apiVersion: v1
kind: ConfigMap
metadata: {name: a}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: three
)";
  CHECK(error_of(text) ==
        R"(document 2: spec.replicas: expected integer, got string "three" (line 10))");
  CHECK(error_of("a: 1\n---\nb: [1,\n").starts_with("yaml: line 4, column 1: "));
  CHECK(error_of("{\"a\": }") ==
        "json: line 1, column 7: syntax error while parsing value - "
        "unexpected '}'; expected '[', '{', or a literal");
}

TEST_CASE("unknown fields: strict error naming all, lenient warnings and dropped") {
  const char* text = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: c
          imagee: host
  bogus: true
)";
  CHECK(error_of(text, true) ==
        "strict decoding error: unknown field \"spec.template.spec.containers[0].imagee\" "
        "(line 11), unknown field \"spec.bogus\" (line 12)");
  auto lenient = decode_manifests(text, registry::generated(), false);
  REQUIRE(lenient);
  CHECK(lenient->front().warnings ==
        std::vector<std::string>{"unknown field \"spec.template.spec.containers[0].imagee\"",
                                 "unknown field \"spec.bogus\""});
  auto& d = dynamic_cast<k8s::apps::v1::Deployment&>(*lenient->front().object);
  CHECK(d.spec().template_().spec().containers(0).image().empty());
}

TEST_CASE("invalid values in manifests cite their line") {
  CHECK(error_of("apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: soon\n") ==
        "metadata.creationTimestamp: invalid time \"soon\": expected RFC 3339 like "
        "2006-01-02T15:04:05Z (line 4)");
  CHECK(error_of("apiVersion: v1\nkind: Secret\ndata:\n  x: \"%%%\"\n") ==
        "data.x: illegal base64 data at input byte 0 (line 4)");
  CHECK(error_of(R"(apiVersion: v1
kind: Pod
spec:
  containers:
    - name: c
      resources:
        limits:
          memory: 1.2.3
)") == "spec.containers[0].resources.limits.memory: invalid quantity \"1.2.3\": quantities "
       "must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' "
       "(line 8)");
}

TEST_CASE("decode_object reads the type from the object") {
  auto object = decode_object(json::parse(R"({"apiVersion": "v1", "kind": "Status", "code": 404})"),
                              registry::generated());
  REQUIRE(object);
  CHECK(object->object->GetDescriptor()->full_name() == "k8s.meta.v1.Status");
}
