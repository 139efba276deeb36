#include "gateway/patch/apply_patch.hpp"

#include <doctest/doctest.h>

#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/node.pb.h"

using namespace kactor::patch;

TEST_CASE("the PATCH body flows from content type to patched object") {
  const auto* kind = k8s::apps::v1::Deployment::descriptor();
  json live = json::parse(R"({"metadata":{"name":"x"},"spec":{"replicas":2,"template":{"spec":{
    "containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]}}}})");
  struct step {
    const char* content_type;
    const char* body;
  };
  const step steps[] = {
      {"application/merge-patch+json", R"({"spec":{"replicas":5}})"},
      {"application/strategic-merge-patch+json",
       R"({"spec":{"template":{"spec":{"containers":[{"name":"b","image":"b:2"}]}}}})"},
      {"application/json-patch+json",
       R"([{"op":"add","path":"/metadata/labels","value":{"x":"y"}}])"},
  };
  for (const auto& s : steps) {
    auto type = patch_type_of(s.content_type);
    REQUIRE(type.has_value());
    auto body = parse_patch(s.body, *type);
    REQUIRE(body.has_value());
    auto patched = apply_patch(*type, live, *body, kind);
    REQUIRE_MESSAGE(patched.has_value(), (patched ? "" : patched.error().message));
    live = std::move(*patched);
  }
  CHECK(live == json::parse(R"({"metadata":{"name":"x","labels":{"x":"y"}},"spec":{"replicas":5,
    "template":{"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:2"}]}}}})"));
}

TEST_CASE("server-side apply is not applied here") {
  auto r = apply_patch(patch_type::apply_patch, json::object(), json::object(),
                       k8s::core::v1::Node::descriptor());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == patch_errc::unsupported);
}
