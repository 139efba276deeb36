#include "messages/codec/json_writer.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/config.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "k8s/meta/v1/object_meta.pb.h"
#include "k8s/meta/v1/status.pb.h"
#include "messages/codec/to_json.hpp"
#include "messages/manifest.hpp"
#include "messages/registry.hpp"

using namespace kactor::messages;

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void check_same_text(const google::protobuf::Message& m) {
  const registry& types = registry::generated();
  CHECK(to_json_text(m) == to_json(m).dump());
  CHECK(to_json_object_text(m, types) == to_json_object(m, types).dump());
}

}  // namespace

TEST_CASE("strings get nlohmann's escapes") {
  std::string out;
  CHECK(append_json_string(out, std::string("a\"b\\c\b\f\n\r\t\x01\x1f\x7f", 13)));
  CHECK(out == R"("a\"b\\c\b\f\n\r\t\u0001\u001f)"
               "\x7f\"");
  CHECK(out == json(std::string("a\"b\\c\b\f\n\r\t\x01\x1f\x7f", 13)).dump());
  out.clear();
  CHECK(append_json_string(out, "grüße 日本 \xF0\x9F\x98\x80"));
  CHECK(out == json("grüße 日本 \xF0\x9F\x98\x80").dump());
}

TEST_CASE("a string that is not UTF-8 is refused and appends nothing") {
  for (std::string bad : {"\xC3", "\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "a\xFF"}) {
    std::string out = "x";
    CHECK_FALSE(append_json_string(out, bad));
    CHECK(out == "x");
  }
}

TEST_CASE("objects are written as the tree dumps them") {
  k8s::apps::v1::Deployment d;
  d.mutable_spec()->set_replicas(0);
  auto* meta = d.mutable_metadata();
  (*meta->mutable_labels())["tier"] = "web";
  (*meta->mutable_labels())["app"] = "shop \"quoted\"\n";
  meta->set_name("web");
  meta->set_generation(9007199254740993);
  meta->mutable_creationtimestamp()->set_seconds(1767225600);
  check_same_text(d);
  check_same_text(k8s::apps::v1::Deployment{});

  k8s::core::v1::ConfigMap cm;
  cm.mutable_metadata()->set_name("bin");
  (*cm.mutable_binarydata())["blob"] = std::string("\x00\x01\xff", 3);
  (*cm.mutable_data())["k"] = "v";
  check_same_text(cm);

  k8s::meta::v1::Status status;
  status.set_code(404);
  status.set_message("not found");
  check_same_text(status);
}

TEST_CASE("a string that is not UTF-8 falls back to the tree, which throws as before") {
  k8s::core::v1::ConfigMap cm;
  cm.mutable_metadata()->set_name(std::string("bad\xff"));
  CHECK_THROWS_AS(to_json(cm).dump(), json::type_error);
  CHECK_THROWS_AS(to_json_text(cm), json::type_error);
  CHECK_THROWS_AS(to_json_object_text(cm, registry::generated()), json::type_error);
}

TEST_CASE("every fixture manifest is written as the tree dumps it") {
  const char* source = std::getenv("KACTOR_SOURCE_DIR");
  REQUIRE(source != nullptr);
  auto dir = std::filesystem::path(source) / ".." / "shared" / "fixtures" / "manifests";
  int documents = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    auto objects = decode_manifests(read_file(entry.path()), registry::generated(), false);
    REQUIRE_MESSAGE(objects, entry.path().string());
    for (const auto& object : *objects) {
      check_same_text(*object.object);
      ++documents;
    }
  }
  CHECK(documents >= 19);
}

TEST_CASE("raw JSON is copied when it is what the tree writes, else written through the tree") {
  std::vector<std::string> raws = {
      R"({"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{}}}}})",
      R"({"a":[1,-2,true,false,null,"x\u0001\n"],"b":{}})",
      R"({ "spaced": 1 })",    // blanks: rewritten
      R"({"a":1,"a":2})",      // a member twice: the tree keeps the last value
      R"({"f":1.5,"e":1e2})",  // floats: the tree prints them its way
      R"({"s":"\/\u0041"})",   // escapes the tree does not write
      R"({"z":-0,"y":007})",   // not canonical integers (007 is not JSON at all)
      R"({"big":123456789012345678901})",
      "not json",  // written as base64
      "\"caf\xc3\xa9\"",
      "[]",
      "0"};
  for (const auto& raw : raws) {
    k8s::meta::v1::ObjectMeta meta;
    meta.set_name("x");
    auto* entry = meta.add_managedfields();
    entry->set_manager("m");
    entry->mutable_fieldsv1()->set_raw(raw);
    CAPTURE(raw);
    check_same_text(meta);
  }
}
