#include "messages/codec/json_diff.hpp"

#include <doctest/doctest.h>

using namespace kactor::messages;

TEST_CASE("equal data has no differences, whatever the member order or number kind") {
  json a = json::parse(R"({"a": 1, "b": {"c": [1, 2.0, "x"]}})");
  json b = json::parse(R"({"b": {"c": [1.0, 2, "x"]}, "a": 1})");
  CHECK(json_differences(a, b).empty());
}

TEST_CASE("differences are listed with their paths") {
  json a = json::parse(R"({"spec": {"replicas": 3, "x": 1, "list": [1, 2]}, "s": "a"})");
  json b = json::parse(R"({"spec": {"replicas": "3", "y": 1, "list": [1]}, "s": "b"})");
  CHECK(json_differences(a, b) == std::vector<std::string>{
                                      R"(spec.replicas: 3 != "3")",
                                      "spec.x: only on the left",
                                      "spec.list: 2 items != 1 items",
                                      "spec.y: only on the right",
                                      R"(s: "a" != "b")",
                                  });
  CHECK(json_differences(json(1), json("1")) == std::vector<std::string>{R"((root): 1 != "1")"});
}
