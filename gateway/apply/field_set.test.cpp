#include "gateway/apply/field_set.hpp"

#include <doctest/doctest.h>

using namespace kactor::apply;

namespace {

field_path path(std::initializer_list<path_element> elements) {
  return field_path(elements);
}
path_element f(const char* name) {
  return path_element::field(name);
}

}  // namespace

TEST_CASE("path elements encode, decode and print as structured-merge-diff does") {
  auto port = path_element::key(json::parse(R"({"containerPort":80,"protocol":"TCP"})"));
  CHECK(port.encode() == R"(k:{"containerPort":80,"protocol":"TCP"})");
  CHECK(port.to_string() == R"([containerPort=80,protocol="TCP"])");
  CHECK(path_element::of_value("a").encode() == R"(v:"a")");
  CHECK(path_element::of_value("a").to_string() == R"([="a"])");
  CHECK(path_element::at(3).encode() == "i:3");
  auto back = path_element::decode(R"(k:{"name":"web"})");
  REQUIRE(back);
  CHECK(back->type == path_element::kind::key);
  CHECK(back->value["name"] == "web");
  CHECK_FALSE(path_element::decode("x:1"));
  CHECK_FALSE(path_element::decode("k:[1]"));
  CHECK_FALSE(path_element::decode("i:1a"));
  CHECK(to_string(path({f("spec"), f("template"), path_element::key({{"name", "web"}}),
                        f("image")})) == R"(.spec.template[name="web"].image)");
}

TEST_CASE("elements order: fields by name, then keys, values, indices") {
  CHECK(f("a") < f("b"));
  CHECK(f("z") < path_element::key({{"name", "a"}}));
  CHECK(path_element::key({{"name", "a"}}) < path_element::of_value(1));
  CHECK(path_element::of_value(2) < path_element::of_value(10));
  CHECK(path_element::of_value(10) < path_element::of_value("1"));
  CHECK(path_element::at(9) < path_element::at(10));
}

TEST_CASE("FieldsV1 writes members, children and '.' for a path that is both") {
  field_set s;
  s.insert(path({f("spec"), f("replicas")}));
  auto item = path_element::key({{"name", "web"}});
  s.insert(path({f("spec"), f("containers"), item}));
  s.insert(path({f("spec"), f("containers"), item, f("image")}));
  s.insert(path({f("metadata"), f("labels"), f("app")}));
  auto v1 = s.to_fields_v1();
  CHECK(
      v1.dump() ==
      R"({"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{}}},"f:replicas":{}}})");
  auto back = field_set::from_fields_v1(v1);
  REQUIRE(back);
  CHECK(*back == s);
  CHECK(back->contains(path({f("spec"), f("containers"), item})));
  CHECK_FALSE(back->contains(path({f("spec"), f("containers")})));
  CHECK_FALSE(field_set::from_fields_v1(json::parse(R"({"f:a":1})")));
  CHECK_FALSE(field_set::from_fields_v1(json::parse(R"({"q:a":{}})")));
}

TEST_CASE("set algebra and iteration order") {
  field_set a, b;
  a.insert(path({f("spec"), f("replicas")}));
  a.insert(path({f("spec"), f("paused")}));
  a.insert(path({f("status"), f("x")}));
  b.insert(path({f("spec"), f("replicas")}));
  b.insert(path({f("status")}));
  CHECK(a.intersected(b).paths().size() == 1);
  CHECK(a.minus(b).paths().size() == 2);            // status.x stays: member-wise
  CHECK(a.minus_recursive(b).paths().size() == 1);  // status.* goes
  CHECK(a.united(b).paths().size() == 4);
  auto order = a.united(b).paths();
  CHECK(to_string(order[0]) == ".status");  // members of a level before its children
  CHECK(to_string(order[1]) == ".spec.paused");
  CHECK(to_string(order[2]) == ".spec.replicas");
  CHECK(to_string(order[3]) == ".status.x");
  CHECK(field_set{}.minus(a).empty());
}
