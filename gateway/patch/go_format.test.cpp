#include "gateway/patch/go_format.hpp"

#include <doctest/doctest.h>

using namespace kactor::patch;

TEST_CASE("values print as Go's %v of unmarshalled JSON") {
  CHECK(go_text(json::parse(R"({"name":"x","image":"y"})")) == "map[image:y name:x]");
  CHECK(go_text(json::parse(R"([1,"a",true,null])")) == "[1 a true <nil>]");
  CHECK(go_text(json(80)) == "80");
  CHECK(go_text(json(1.5)) == "1.5");
  CHECK(go_text(json(100000)) == "100000");
  CHECK(go_text(json(1000000)) == "1e+06");
  CHECK(go_text(json(1200000)) == "1.2e+06");
  CHECK(go_text(json(0.00001)) == "1e-05");
  CHECK(go_text(json(-0.5)) == "-0.5");
  CHECK(go_type(json::object()) == "map[string]interface {}");
  CHECK(go_type(json::array()) == "[]interface {}");
  CHECK(go_type(json(3)) == "float64");
}
