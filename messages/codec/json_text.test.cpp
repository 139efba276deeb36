#include "messages/codec/json_text.hpp"

#include <doctest/doctest.h>

#include "messages/codec/document.hpp"

using namespace kactor::messages;

TEST_CASE("a JSON stream yields every value, in order") {
  auto docs = parse_json_stream(R"({"a": 1} {"b": "}{"}
{"c": [1, {"d": null}]}{"e": true})");
  REQUIRE(docs);
  REQUIRE(docs->size() == 4);
  CHECK((*docs)[0].value == json::parse(R"({"a":1})"));
  CHECK((*docs)[1].value == json::parse(R"({"b":"}{"})"));
  CHECK((*docs)[2].value["c"][1]["d"].is_null());
  CHECK((*docs)[3].index == 4);
  CHECK(parse_json_stream("  \n")->empty());
}

TEST_CASE("JSON numbers keep their kind") {
  auto v = parse_json(R"({"i": 3, "n": -3, "f": 3.0, "big": 18446744073709551615})");
  REQUIRE(v);
  CHECK((*v)["i"].is_number_unsigned());
  CHECK((*v)["n"].is_number_integer());
  CHECK((*v)["f"].is_number_float());
  CHECK((*v)["big"].get<std::uint64_t>() == UINT64_MAX);
}

TEST_CASE("duplicate members are recorded with their path") {
  auto docs = parse_json_stream(
      R"({"metadata": {"name": "a", "name": "b"}, "items": [{"x": 1}, {"y": 1, "y": 2}]})");
  REQUIRE(docs);
  const auto& d = docs->front();
  CHECK(d.value["metadata"]["name"] == json("b"));
  REQUIRE(d.duplicate_fields.size() == 2);
  CHECK(d.duplicate_fields[0] == "metadata.name");
  CHECK(d.duplicate_fields[1] == "items[1].y");
}

TEST_CASE("malformed JSON gives line and column in the whole text") {
  auto bad = parse_json_stream("{\"a\": 1}\n{\n \"a\": 1,\n \"b\" 2}");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == codec_errc::syntax);
  CHECK(bad.error().message ==
        "json: line 4, column 6: syntax error while parsing object separator - unexpected "
        "number literal; expected ':'");

  auto open = parse_json_stream("{\"a\": [1, 2");
  REQUIRE_FALSE(open);
  CHECK(open.error().message.starts_with("json: line 1, column "));
  CHECK(open.error().message.find("unexpected end of input") != std::string::npos);

  auto single = parse_json("{} x");
  REQUIRE_FALSE(single);
  CHECK(single.error().message.starts_with("json: line 1, column 4: "));
}

TEST_CASE("parse_documents picks JSON for '{' and YAML otherwise") {
  auto json_docs = parse_documents("  {\"kind\": \"Pod\"}");
  REQUIRE(json_docs);
  CHECK(json_docs->front().lines.empty());
  auto yaml_docs = parse_documents("kind: Pod\n");
  REQUIRE(yaml_docs);
  CHECK(yaml_docs->front().value == json::parse(R"({"kind":"Pod"})"));
  CHECK(yaml_docs->front().lines.line_of("kind") == 1);
  // A JSON array is YAML flow syntax; YAML reads it.
  auto array = parse_documents("[1, 2]");
  REQUIRE(array);
  CHECK(array->front().value == json::parse("[1,2]"));
}
