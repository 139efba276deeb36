#include "gateway/openapi/openapi_documents.hpp"

#include <functional>

#include <doctest/doctest.h>

using namespace kactor::openapi;
using kactor::messages::json;
using kactor::messages::registry;

namespace {

const openapi_documents& documents() {
  static const openapi_documents docs(registry::generated());
  return docs;
}

const json& doc(std::string_view key) {
  const auto* d = documents().group_version(key);
  REQUIRE(d != nullptr);
  return d->value;
}

// Follows a property schema to the schema it describes, as kubectl explain does: a direct
// $ref, else the single allOf element's $ref, else the schema itself.
const json& resolve(const json& document, const json& schema) {
  const json* s = &schema;
  if (s->contains("allOf") && (*s)["allOf"].size() == 1) s = &(*s)["allOf"][0];
  if (!s->contains("$ref")) return *s;
  std::string ref = (*s)["$ref"];
  std::string name = ref.substr(ref.rfind('/') + 1);
  const json& schemas = document["components"]["schemas"];
  REQUIRE_MESSAGE(schemas.contains(name), ref);
  return schemas[name];
}

// The schema at a dotted field path from a top-level schema ("spec.template.spec").
const json& field(const json& document, const json& schema, std::string_view path) {
  const json* s = &resolve(document, schema);
  while (!path.empty()) {
    auto dot = path.find('.');
    std::string name(path.substr(0, dot));
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    if (s->contains("items")) s = &resolve(document, (*s)["items"]);
    REQUIRE_MESSAGE(s->contains("properties"), name);
    REQUIRE_MESSAGE((*s)["properties"].contains(name), name);
    s = &(*s)["properties"][name];
    if (!path.empty()) s = &resolve(document, *s);
  }
  return *s;
}

// What kubectl explain does: find the GVK on the resource's list or item paths, then the
// schema that lists that GVK in x-kubernetes-group-version-kind.
const json* explain_schema(const json& document, const std::string& prefix,
                           const kactor::messages::resource_info& r) {
  std::vector<std::string> candidates = {
      prefix + "/" + r.plural, prefix + "/" + r.plural + "/{name}",
      prefix + "/namespaces/{namespace}/" + r.plural,
      prefix + "/namespaces/{namespace}/" + r.plural + "/{name}"};
  json gvk;
  for (const auto& path : candidates) {
    if (!document["paths"].contains(path)) continue;
    for (const char* method : {"get", "post", "put", "patch", "delete"})
      if (document["paths"][path].contains(method) && gvk.is_null())
        gvk = document["paths"][path][method]["x-kubernetes-group-version-kind"];
  }
  if (gvk.is_null()) return nullptr;
  for (const auto& [name, schema] : document["components"]["schemas"].items())
    if (schema.contains("x-kubernetes-group-version-kind"))
      for (const auto& candidate : schema["x-kubernetes-group-version-kind"])
        if (candidate == gvk) return &schema;
  return nullptr;
}

void for_each_ref(const json& value, const std::function<void(const std::string&)>& visit) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      if (key == "$ref")
        visit(member.get<std::string>());
      else
        for_each_ref(member, visit);
    }
  } else if (value.is_array()) {
    for (const auto& item : value)
      for_each_ref(item, visit);
  }
}

}  // namespace

TEST_CASE("the root lists every served group-version with a hashed URL") {
  const auto& root = documents().root();
  CHECK(root.content_type == "application/json");
  const json& paths = root.value["paths"];
  REQUIRE(paths.contains("api/v1"));
  REQUIRE(paths.contains("apis/apps/v1"));
  CHECK_FALSE(paths.contains("apis/metrics.k8s.io/v1beta1"));
  CHECK(paths.size() == registry::generated().group_versions().size());
  CHECK(paths.begin().key() == "api/v1");
  for (const auto& [key, entry] : paths.items()) {
    const auto* document = documents().group_version(key);
    REQUIRE(document != nullptr);
    CHECK(entry["serverRelativeURL"] == "/openapi/v3/" + key + "?hash=" + document->hash);
    CHECK(document->content_type == "application/json");
  }
}

TEST_CASE("find routes /openapi/v3 paths") {
  CHECK(documents().find("/openapi/v3") == &documents().root());
  CHECK(documents().find("/openapi/v3/") == &documents().root());
  CHECK(documents().find("/openapi/v3/api/v1") == documents().group_version("api/v1"));
  CHECK(documents().find("/openapi/v3/apis/apps/v1") != nullptr);
  CHECK(documents().find("/openapi/v3/apis/apps/v2") == nullptr);
  CHECK(documents().find("/openapi/v3x/api/v1") == nullptr);
  CHECK(documents().find("/openapi/v2") == nullptr);
}

TEST_CASE("apps/v1: the PATCH kubectl's validation gate looks for") {
  const json& apps = doc("apis/apps/v1");
  CHECK(apps["openapi"] == "3.0.0");
  const json& patch =
      apps["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]["patch"];
  CHECK(patch["x-kubernetes-action"] == "patch");
  CHECK(patch["x-kubernetes-group-version-kind"] ==
        json::parse(R"({"group":"apps","kind":"Deployment","version":"v1"})"));
  std::vector<std::string> params;
  for (const auto& p : patch["parameters"])
    if (p["in"] == "query") params.push_back(p["name"]);
  for (const char* name : {"dryRun", "fieldManager", "fieldValidation", "force"})
    CHECK(std::find(params.begin(), params.end(), name) != params.end());
}

TEST_CASE("apps/v1: Deployment's spec.replicas is an int32 integer") {
  const json& apps = doc("apis/apps/v1");
  const json& deployment = apps["components"]["schemas"]["io.k8s.api.apps.v1.Deployment"];
  const json& replicas = field(apps, deployment, "spec.replicas");
  CHECK(replicas["type"] == "integer");
  CHECK(replicas["format"] == "int32");
  CHECK(field(apps, deployment, "spec.template.spec.containers.image")["type"] == "string");
  CHECK(field(apps, deployment, "metadata.labels")["additionalProperties"]["type"] == "string");
}

TEST_CASE("explain: pods.spec.containers resolves to Container's fields") {
  const json& core = doc("api/v1");
  const auto* pods = registry::generated().find_resource("", "v1", "pods");
  REQUIRE(pods != nullptr);
  const json* pod = explain_schema(core, "/api/v1", *pods);
  REQUIRE(pod != nullptr);
  const json& containers = field(core, *pod, "spec.containers");
  CHECK(containers["type"] == "array");
  const json& container = resolve(core, containers["items"]);
  for (const char* name : {"name", "image", "command", "ports", "resources", "env"})
    CHECK(container["properties"].contains(name));
}

TEST_CASE("explain finds a unique schema for every served resource") {
  for (const auto& gv : registry::generated().group_versions()) {
    std::string key =
        gv.group.empty() ? "api/" + gv.version : "apis/" + gv.group + "/" + gv.version;
    const json& document = doc(key);
    for (const auto& r : registry::generated().resources()) {
      if (r.group != gv.group || r.version != gv.version) continue;
      const json* schema = explain_schema(document, "/" + key, r);
      CHECK_MESSAGE(schema != nullptr, key << " " << r.plural);
      if (schema) CHECK((*schema)["properties"].contains("kind"));
    }
  }
}

TEST_CASE("every $ref of every document resolves") {
  for (const auto& key : documents().keys()) {
    const json& document = doc(key);
    const json& schemas = document["components"]["schemas"];
    std::size_t refs = 0;
    for_each_ref(document, [&](const std::string& ref) {
      ++refs;
      REQUIRE(ref.starts_with("#/components/schemas/"));
      CHECK_MESSAGE(schemas.contains(ref.substr(21)), key << ": " << ref);
    });
    CHECK(refs > 0);
  }
}

TEST_CASE("documents are deterministic") {
  openapi_documents again(registry::generated());
  CHECK(again.root().body == documents().root().body);
  CHECK(again.group_version("api/v1")->hash == documents().group_version("api/v1")->hash);
}
