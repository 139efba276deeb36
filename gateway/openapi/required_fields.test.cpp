#include "gateway/openapi/required_fields.hpp"

#include <algorithm>
#include <set>
#include <string>

#include <doctest/doctest.h>

using namespace kactor::openapi;
using names = std::vector<std::string_view>;

TEST_CASE("the table is sorted by message and names each member once") {
  auto table = required_field_table();
  REQUIRE(table.size() > 300);
  CHECK(std::is_sorted(table.begin(), table.end(),
                       [](const auto& a, const auto& b) { return a.message < b.message; }));
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const auto& row : table) {
    CHECK_MESSAGE(seen.emplace(row.message, row.field).second, row.message, ".", row.field);
    CHECK(row.message.starts_with("k8s."));
  }
}

TEST_CASE("members without omitempty or +optional are required") {
  CHECK(required_fields("k8s.core.v1.Container") == names{"name"});
  CHECK(required_fields("k8s.core.v1.PodSpec") == names{"containers"});
  CHECK(required_fields("k8s.core.v1.ServicePort") == names{"port"});
  CHECK(required_fields("k8s.meta.v1.LabelSelectorRequirement") == names{"key", "operator"});
  CHECK(required_fields("k8s.core.v1.PodList") == names{"items"});
}

TEST_CASE("the order is Go's declaration order, not alphabetical") {
  CHECK(required_fields("k8s.apps.v1.DeploymentSpec") == names{"selector", "template"});
  CHECK(required_fields("k8s.core.v1.ContainerStatus") ==
        names{"name", "ready", "restartCount", "image", "imageID"});
  CHECK(required_fields("k8s.meta.v1.OwnerReference") ==
        names{"apiVersion", "kind", "name", "uid"});
}

TEST_CASE("metadata, apiVersion and kind of kinds are not required") {
  CHECK(required_fields("k8s.meta.v1.ObjectMeta").empty());
  CHECK(required_fields("k8s.core.v1.Pod").empty());
  CHECK(required_fields("k8s.apps.v1.Deployment").empty());
  // Except where the Go type says so: core/v1 Event's ObjectMeta has no omitempty.
  CHECK(required_fields("k8s.core.v1.Event") == names{"metadata", "involvedObject"});
}

TEST_CASE("inlined structs contribute their required members") {
  // EphemeralContainerCommon is embedded inline; LocalObjectReference's name is omitempty.
  CHECK(required_fields("k8s.core.v1.EphemeralContainer") == names{"name"});
  CHECK(required_fields("k8s.core.v1.ConfigMapKeySelector") == names{"key"});
}

TEST_CASE("special forms and unknown messages have none") {
  CHECK(required_fields("k8s.util.IntOrString").empty());
  CHECK(required_fields("k8s.resource.Quantity").empty());
  CHECK(required_fields("k8s.meta.v1.Time").empty());
  CHECK(required_fields("k8s.core.v1.NoSuchMessage").empty());
  CHECK(required_fields("").empty());
}
