#include "gateway/openapi/message_schema.hpp"

#include <doctest/doctest.h>

#include "gateway/openapi/required_fields.hpp"
#include "gateway/openapi/schema_names.hpp"

using namespace kactor::openapi;
using kactor::messages::json;
using kactor::messages::registry;

namespace {

const google::protobuf::Descriptor* type(const char* full_name) {
  registry::generated();
  const auto* d =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(full_name);
  REQUIRE(d != nullptr);
  return d;
}

json schema(const char* full_name) {
  static const kind_index kinds = kind_index::from(registry::generated());
  std::vector<const google::protobuf::Descriptor*> refs;
  return message_schema(type(full_name), kinds, refs);
}

std::vector<std::string> referenced(const char* full_name) {
  static const kind_index kinds = kind_index::from(registry::generated());
  std::vector<const google::protobuf::Descriptor*> refs;
  message_schema(type(full_name), kinds, refs);
  std::vector<std::string> names;
  for (const auto* r : refs)
    names.push_back(r->full_name());
  return names;
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

TEST_CASE("a kind: object with apiVersion, kind, fields and its GVK") {
  json s = schema("k8s.apps.v1.Deployment");
  CHECK(s["type"] == "object");
  auto props = s["properties"];
  REQUIRE(props.size() == 5);
  CHECK(props.begin().key() == "apiVersion");
  CHECK(props["apiVersion"]["type"] == "string");
  CHECK(props["kind"]["type"] == "string");
  CHECK(props["spec"]["allOf"][0]["$ref"] ==
        "#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec");
  CHECK(props["spec"].contains("description"));
  CHECK(s["x-kubernetes-group-version-kind"] ==
        json::parse(R"([{"group":"apps","kind":"Deployment","version":"v1"}])"));
  CHECK(contains(referenced("k8s.apps.v1.Deployment"), "k8s.apps.v1.DeploymentSpec"));
  CHECK(contains(referenced("k8s.apps.v1.Deployment"), "k8s.meta.v1.ObjectMeta"));
}

TEST_CASE("scalars: integer widths, booleans, strings, bytes") {
  json spec = schema("k8s.apps.v1.DeploymentSpec")["properties"];
  CHECK(spec["replicas"]["type"] == "integer");
  CHECK(spec["replicas"]["format"] == "int32");
  CHECK(spec["paused"]["type"] == "boolean");
  json meta = schema("k8s.meta.v1.ObjectMeta")["properties"];
  CHECK(meta["generation"]["format"] == "int64");
  CHECK(meta["name"] == json{{"type", "string"}});
  json secret = schema("k8s.core.v1.Secret")["properties"];
  CHECK(secret["data"]["additionalProperties"] == json{{"type", "string"}, {"format", "byte"}});
}

TEST_CASE("maps, repeated fields and plain plural types") {
  json meta = schema("k8s.meta.v1.ObjectMeta")["properties"];
  CHECK(meta["labels"]["type"] == "object");
  CHECK(meta["labels"]["additionalProperties"] == json{{"type", "string"}});
  CHECK(meta["finalizers"]["type"] == "array");
  CHECK(meta["finalizers"]["items"] == json{{"type", "string"}});
  CHECK(meta["creationTimestamp"]["$ref"] ==
        "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time");
  json pod_spec = schema("k8s.core.v1.PodSpec")["properties"];
  CHECK(pod_spec["containers"]["type"] == "array");
  CHECK(pod_spec["containers"]["items"]["$ref"] ==
        "#/components/schemas/io.k8s.api.core.v1.Container");
  json resources = schema("k8s.core.v1.ResourceRequirements")["properties"];
  CHECK(resources["limits"]["additionalProperties"]["$ref"] ==
        "#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity");
}

TEST_CASE("special JSON forms") {
  json time = schema("k8s.meta.v1.Time");
  CHECK(time["type"] == "string");
  CHECK(time["format"] == "date-time");
  CHECK(time.contains("description"));
  CHECK(schema("k8s.meta.v1.MicroTime")["format"] == "date-time");
  CHECK(schema("k8s.meta.v1.Duration")["type"] == "string");
  json quantity = schema("k8s.resource.Quantity");
  CHECK_FALSE(quantity.contains("type"));
  CHECK(quantity["oneOf"] == json::parse(R"([{"type":"string"},{"type":"number"}])"));
  json int_or_string = schema("k8s.util.IntOrString");
  CHECK(int_or_string["format"] == "int-or-string");
  CHECK(int_or_string["oneOf"] == json::parse(R"([{"type":"integer"},{"type":"string"}])"));
  CHECK(int_or_string["x-kubernetes-int-or-string"] == true);
  CHECK(schema("k8s.runtime.RawExtension")["type"] == "object");
  CHECK(referenced("k8s.meta.v1.Time").empty());
}

TEST_CASE("inlined members sit in the parent object") {
  json volume = schema("k8s.core.v1.Volume")["properties"];
  CHECK(volume.contains("name"));
  CHECK(volume.contains("emptyDir"));
  CHECK(volume.contains("configMap"));
  CHECK_FALSE(volume.contains("volumeSource"));
  CHECK_FALSE(contains(referenced("k8s.core.v1.Volume"), "k8s.core.v1.VolumeSource"));
}

TEST_CASE("bare-array messages are written inline") {
  json user = schema("k8s.authentication.v1.UserInfo")["properties"];
  CHECK(user["extra"]["additionalProperties"] ==
        json::parse(R"({"type":"array","items":{"type":"string"}})"));
  json list_form = schema("k8s.authentication.v1.ExtraValue");
  CHECK(list_form["type"] == "array");
  CHECK(list_form["items"] == json{{"type", "string"}});
}

TEST_CASE("a field without its own comment carries its type's description beside the $ref") {
  json spec = schema("k8s.apps.v1.DeploymentSpec")["properties"];
  // `template` has no comment; PodTemplateSpec has one.
  CHECK(spec["template"]["$ref"] == "#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec");
  CHECK(spec["template"]["description"] == schema("k8s.core.v1.PodTemplateSpec")["description"]);
}

TEST_CASE("strategic merge annotations become x-kubernetes-patch-* extensions") {
  if (google::protobuf::DescriptorPool::generated_pool()->FindExtensionByName(
          "kactor.patch_merge_key") == nullptr)
    return;  // a schema without the annotations has nothing to check
  json pod_spec = schema("k8s.core.v1.PodSpec")["properties"];
  CHECK(pod_spec["containers"]["x-kubernetes-patch-merge-key"] == "name");
  CHECK(pod_spec["containers"]["x-kubernetes-patch-strategy"] == "merge");
  CHECK_FALSE(pod_spec["restartPolicy"].contains("x-kubernetes-patch-strategy"));
}

TEST_CASE("required members as Kubernetes lists them") {
  CHECK(schema("k8s.core.v1.Container")["required"] == json::parse(R"(["name"])"));
  CHECK(schema("k8s.core.v1.PodSpec")["required"] == json::parse(R"(["containers"])"));
  CHECK(schema("k8s.apps.v1.DeploymentSpec")["required"] ==
        json::parse(R"(["selector","template"])"));
  CHECK(schema("k8s.core.v1.ServicePort")["required"] == json::parse(R"(["port"])"));
  CHECK(schema("k8s.meta.v1.LabelSelectorRequirement")["required"] ==
        json::parse(R"(["key","operator"])"));
  // Members of inlined messages count for the parent.
  CHECK(schema("k8s.core.v1.EphemeralContainer")["required"] == json::parse(R"(["name"])"));
  CHECK_FALSE(schema("k8s.meta.v1.ObjectMeta").contains("required"));
  CHECK_FALSE(schema("k8s.apps.v1.Deployment").contains("required"));
  CHECK_FALSE(schema("k8s.util.IntOrString").contains("required"));
}

TEST_CASE("every required member of the table is a property of its message's schema") {
  // A proto that lacks a member Kubernetes requires (or a stale table) shows up here.
  std::string_view last;
  for (const auto& row : required_field_table()) {
    if (row.message == last) continue;
    last = row.message;
    const std::string name(row.message);
    json expected = json::array();
    for (std::string_view field : required_fields(row.message))
      expected.push_back(std::string(field));
    CHECK_MESSAGE(schema(name.c_str())["required"] == expected, name);
  }
}
