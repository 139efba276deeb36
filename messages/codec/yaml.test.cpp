#include "messages/codec/yaml.hpp"

#include <doctest/doctest.h>

using namespace kactor::messages;

TEST_CASE("YAML documents become the JSON model with Kubernetes' scalar rules") {
  auto docs = parse_yaml(R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  labels: {quoted: "true", plain: yes}
data:
  mode: 0644
  hex: 0x1F
  big: 1_000_000
  float: 1.5e+3
  exp: 1e3
  version: "1.0"
  empty:
  tilde: ~
  text: |
    line one
    line two
  folded: >
    a
    b
  list: [1, "2", three]
)");
  REQUIRE(docs);
  REQUIRE(docs->size() == 1);
  const json& v = docs->front().value;
  CHECK(v["metadata"]["labels"]["quoted"] == json("true"));
  CHECK(v["metadata"]["labels"]["plain"] == json(true));
  CHECK(v["data"]["mode"] == json(420));
  CHECK(v["data"]["hex"] == json(31));
  CHECK(v["data"]["big"] == json(1000000));
  CHECK(v["data"]["float"] == json(1500));
  CHECK(v["data"]["exp"] == json(1000));
  CHECK(v["data"]["version"] == json("1.0"));
  CHECK(v["data"]["empty"].is_null());
  CHECK(v["data"]["tilde"].is_null());
  CHECK(v["data"]["text"] == json("line one\nline two\n"));
  CHECK(v["data"]["folded"] == json("a b\n"));
  CHECK(v["data"]["list"] == json::parse(R"([1, "2", "three"])"));
  // Member order is the document's.
  CHECK(v.begin().key() == "apiVersion");
}

TEST_CASE("YAML lines are recorded by JSON path") {
  auto docs = parse_yaml("a: 1\nspec:\n  containers:\n    - name: x\n      image: y\n");
  REQUIRE(docs);
  const source_map& lines = docs->front().lines;
  CHECK(lines.line_of("a") == 1);
  CHECK(lines.line_of("spec") == 2);
  CHECK(lines.line_of("spec.containers") == 3);
  CHECK(lines.line_of("spec.containers[0]") == 4);
  CHECK(lines.line_of("spec.containers[0].image") == 5);
}

TEST_CASE("multi-document streams skip empty documents but count them") {
  auto docs = parse_yaml("---\na: 1\n---\n---\n# only a comment\n---\nb: 2\n...\n");
  REQUIRE(docs);
  REQUIRE(docs->size() == 2);
  CHECK((*docs)[0].index == 1);
  CHECK((*docs)[0].value == json::parse(R"({"a":1})"));
  CHECK((*docs)[1].index == 4);
  CHECK((*docs)[1].line == 7);
  CHECK(parse_yaml("")->empty());
  CHECK(parse_yaml("# nothing\n")->empty());
}

TEST_CASE("mapping keys are resolved and stringified; duplicates are recorded") {
  auto docs = parse_yaml("on: 1\n0644: x\nname: a\nmeta:\n  name: b\n  name: c\n");
  REQUIRE(docs);
  const document& d = docs->front();
  CHECK(d.value.contains("true"));
  CHECK(d.value.contains("420"));
  CHECK(d.value["meta"]["name"] == json("c"));
  REQUIRE(d.duplicate_fields.size() == 1);
  CHECK(d.duplicate_fields[0] == "meta.name");
}

TEST_CASE("anchors and aliases are expanded") {
  auto docs = parse_yaml("base: &b {cpu: 1}\nother: *b\n");
  REQUIRE(docs);
  CHECK(docs->front().value["other"] == json::parse(R"({"cpu":1})"));
}

TEST_CASE("YAML errors give line and column") {
  auto bad = parse_yaml("a: 1\nb: c: d\n");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == codec_errc::syntax);
  CHECK(bad.error().message == "yaml: line 2, column 5: illegal map value");

  auto indent = parse_yaml("spec:\n  a:\n    - x\n   b: 2\n");
  REQUIRE_FALSE(indent);
  CHECK(indent.error().message.starts_with("yaml: line 4, column "));

  auto tag = parse_yaml("a: 1\nb: !!int abc\n");
  REQUIRE_FALSE(tag);
  CHECK(tag.error().message == "yaml: line 2: cannot decode !!str `abc` as a !!int");

  auto key = parse_yaml("a: 1\n[x]: 2\n");
  REQUIRE_FALSE(key);
  CHECK(key.error().message ==
        "yaml: line 2: unsupported map key: only scalars can be JSON member names");

  auto null_key = parse_yaml("~: 2\n");
  REQUIRE_FALSE(null_key);
  CHECK(null_key.error().message == "yaml: line 1: unsupported map key: null");
}

TEST_CASE("a self-referencing document is refused, not expanded forever") {
  auto bomb = parse_yaml(
      "a: &a [x, x, x, x, x, x, x, x, x]\n"
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
      "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
      "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
      "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n");
  REQUIRE_FALSE(bomb);
  CHECK(bomb.error().message.find("document nests or expands too deeply") != std::string::npos);
}

TEST_CASE("to_yaml writes block YAML that reads back to the same data") {
  json value = json::parse(R"({
    "kind": "ConfigMap",
    "metadata": {"name": "x", "labels": {}},
    "data": {"flag": "true", "number": "123", "exp": "1e3", "empty": "", "text": "a\nb\n",
             "spaced": " x", "yes": "yes", "colon": "a: b"},
    "list": [1, 2.5, true, null, [], "on"],
    "nested": [{"a": 1}, {"b": [1]}]
  })");
  std::string text = to_yaml(value);
  auto back = parse_yaml(text);
  REQUIRE_MESSAGE(back, text);
  CHECK_MESSAGE(back->front().value == value, text);
  CHECK(text.starts_with("kind: ConfigMap\n"));
}
