#include "gateway/patch/patch_type.hpp"

#include <doctest/doctest.h>

using namespace kactor::patch;

TEST_CASE("content types name the patch formats") {
  CHECK(patch_type_of("application/json-patch+json") == patch_type::json_patch);
  CHECK(patch_type_of("application/merge-patch+json") == patch_type::merge_patch);
  CHECK(patch_type_of("application/strategic-merge-patch+json; charset=utf-8") ==
        patch_type::strategic_merge_patch);
  CHECK(patch_type_of("Application/Apply-Patch+YAML") == patch_type::apply_patch);
  CHECK_FALSE(patch_type_of("application/json").has_value());
  CHECK(content_type_of(patch_type::merge_patch) == "application/merge-patch+json");
}

TEST_CASE("bodies are parsed and shape-checked per type") {
  CHECK(parse_patch(R"([{"op":"remove","path":"/a"}])", patch_type::json_patch).has_value());
  auto r = parse_patch(R"({"a":1})", patch_type::json_patch);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == patch_errc::bad_request);
  r = parse_patch("[1]", patch_type::strategic_merge_patch);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message ==
        "json: cannot unmarshal array into Go value of type map[string]interface {}");
  CHECK(parse_patch("[1]", patch_type::merge_patch).has_value());
  CHECK_FALSE(parse_patch("{not json", patch_type::merge_patch).has_value());
}
