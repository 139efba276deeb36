#include "gateway/printers/table.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gateway/printers/print_test_support.hpp"
#include "k8s/core/v1/pod.pb.h"
#include "k8s/rbac/v1/rbac.pb.h"
#include "messages/manifest.hpp"

using namespace kactor::printers;
using namespace kactor::printers::testing;
using kactor::messages::registry;

namespace {

k8s::core::v1::PodList two_pods() {
  return object<k8s::core::v1::PodList>(R"({"metadata":{"resourceVersion":"1011"},"items":[
    {"metadata":{"name":"web","namespace":"default","labels":{"app":"web"},"uid":"u1",
      "resourceVersion":"1009","creationTimestamp":"2023-11-14T22:13:20Z"},
     "spec":{"containers":[{"name":"c","image":"nginx"}],"nodeName":"node1"},
     "status":{"phase":"Running","podIP":"10.244.0.52",
       "containerStatuses":[{"name":"c","ready":true,"state":{"running":{}}}]}},
    {"metadata":{"name":"db","namespace":"default","resourceVersion":"1010",
      "creationTimestamp":"2023-11-14T22:13:20Z"},
     "spec":{"containers":[{"name":"c"}]},"status":{"phase":"Pending"}}]})");
}

table_options at(std::int64_t seconds_after) {
  table_options o;
  o.now = {created + seconds_after, 0};
  return o;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("a pod list becomes the Table kubectl prints, rows carrying partial metadata") {
  auto table = table_for_list(two_pods(), at(7), registry::generated());
  CHECK(table["kind"] == "Table");
  CHECK(table["apiVersion"] == "meta.k8s.io/v1");
  CHECK(table["metadata"] == json::parse(R"({"resourceVersion":"1011"})"));
  const auto& columns = table["columnDefinitions"];
  REQUIRE(columns.size() == 9);
  std::vector<std::string> names;
  for (const auto& c : columns)
    names.push_back(c["name"]);
  CHECK(names == std::vector<std::string>{"Name", "Ready", "Status", "Restarts", "Age", "IP",
                                          "Node", "Nominated Node", "Readiness Gates"});
  CHECK(columns[0]["format"] == "name");
  CHECK(columns[0]["type"] == "string");
  CHECK(columns[4]["priority"] == 0);
  CHECK(columns[5]["priority"] == 1);
  CHECK(columns[1].contains("description"));

  REQUIRE(table["rows"].size() == 2);
  const auto& web = table["rows"][0];
  CHECK(web["cells"] ==
        json::parse(R"(["web","1/1","Running","0","7s","10.244.0.52","node1","<none>","<none>"])"));
  CHECK(web["object"] == json::parse(R"({"kind":"PartialObjectMetadata",
    "apiVersion":"meta.k8s.io/v1","metadata":{"name":"web","namespace":"default","uid":"u1",
    "resourceVersion":"1009","creationTimestamp":"2023-11-14T22:13:20Z","labels":{"app":"web"}}})"));
  CHECK_FALSE(web.contains("conditions"));
  CHECK(table["rows"][1]["cells"][2] == "Pending");
}

TEST_CASE("includeObject=Object puts the whole object into rows, None puts null") {
  auto options = at(0);
  options.rows = include_object::object;
  auto table = table_for_list(two_pods(), options, registry::generated());
  const auto& obj = table["rows"][0]["object"];
  CHECK(obj["kind"] == "Pod");
  CHECK(obj["apiVersion"] == "v1");
  CHECK(obj["spec"]["nodeName"] == "node1");
  options.rows = include_object::none;
  table = table_for_list(two_pods(), options, registry::generated());
  CHECK(table["rows"][0]["object"].is_null());
}

TEST_CASE("one object: a one-row table with the object's resourceVersion; headers optional") {
  auto list = two_pods();
  auto options = at(0);
  auto table = table_for_object(list.items(0), options, registry::generated());
  CHECK(table["metadata"] == json::parse(R"({"resourceVersion":"1009"})"));
  REQUIRE(table["rows"].size() == 1);
  CHECK(table["rows"][0]["cells"][0] == "web");
  options.column_definitions = false;
  table = table_for_object(list.items(0), options, registry::generated());
  CHECK(table["columnDefinitions"].is_null());
  CHECK(table.dump().find(R"("columnDefinitions":null)") != std::string::npos);
}

TEST_CASE("kinds without their own printer get Name and Created At") {
  auto role = object<k8s::rbac::v1::Role>(
      R"({"metadata":{"name":"reader","creationTimestamp":"2023-11-14T22:13:20Z"}})");
  auto table = table_for_object(role, at(0), registry::generated());
  CHECK(table["columnDefinitions"][1]["name"] == "Created At");
  CHECK(table["columnDefinitions"][1]["type"] == "date");
  CHECK(table["rows"][0]["cells"] == json::parse(R"(["reader","2023-11-14T22:13:20Z"])"));
}

TEST_CASE("an empty list has the columns and no rows") {
  k8s::core::v1::PodList empty;
  auto table = table_for_list(empty, at(0), registry::generated());
  CHECK(table["rows"].empty());
  CHECK(table["columnDefinitions"].size() == 9);
  CHECK(table["metadata"] == json::object());
}

TEST_CASE("parse_include_object reads the query values Kubernetes accepts") {
  CHECK(parse_include_object("") == include_object::metadata);
  CHECK(parse_include_object("Metadata") == include_object::metadata);
  CHECK(parse_include_object("Object") == include_object::object);
  CHECK(parse_include_object("None") == include_object::none);
  CHECK_FALSE(parse_include_object("object").has_value());
}

TEST_CASE("every served kind prints one cell per column, also when empty") {
  const auto& types = registry::generated();
  for (const auto& resource : types.resources()) {
    INFO(resource.api_version(), " ", resource.kind);
    auto empty = types.new_message(resource.descriptor);
    REQUIRE(empty != nullptr);
    auto table = table_for_object(*empty, at(0), types);
    CHECK(table["rows"][0]["cells"].size() == table["columnDefinitions"].size());
  }
}

TEST_CASE("every fixture manifest prints one full row") {
  const char* source = std::getenv("KACTOR_SOURCE_DIR");
  REQUIRE(source != nullptr);
  auto dir = std::filesystem::path(source) / ".." / "shared" / "fixtures" / "manifests";
  int printed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    auto decoded =
        kactor::messages::decode_manifests(read_file(entry.path()), registry::generated());
    REQUIRE_MESSAGE(decoded.has_value(), entry.path().string());
    for (const auto& d : *decoded) {
      INFO(entry.path().filename().string(), " ", d.kind);
      auto table = table_for_object(*d.object, at(60), registry::generated());
      const auto& cells = table["rows"][0]["cells"];
      CHECK(cells.size() == table["columnDefinitions"].size());
      CHECK_FALSE(cells[0].get<std::string>().empty());
      ++printed;
    }
  }
  CHECK(printed >= 15);
}
