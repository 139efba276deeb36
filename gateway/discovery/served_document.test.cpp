#include "gateway/discovery/served_document.hpp"

#include <doctest/doctest.h>

using kactor::discovery::content_hash;
using kactor::discovery::make_document;
using kactor::messages::json;

TEST_CASE("content_hash is 64-bit FNV-1a in upper-case hex") {
  CHECK(content_hash("") == "CBF29CE484222325");
  CHECK(content_hash("a") == "AF63DC4C8601EC8C");
  CHECK(content_hash("{\"a\":1}") == content_hash("{\"a\":1}"));
  CHECK(content_hash("{\"a\":1}") != content_hash("{\"a\":2}"));
}

TEST_CASE("make_document serializes compactly and derives hash and etag from the body") {
  json value{{"kind", "APIVersions"}, {"versions", json::array({"v1"})}};
  auto doc = make_document(value, "application/json");
  CHECK(doc.body == R"({"kind":"APIVersions","versions":["v1"]})");
  CHECK(doc.value == value);
  CHECK(doc.content_type == "application/json");
  CHECK(doc.hash == content_hash(doc.body));
  CHECK(doc.etag == "\"" + doc.hash + "\"");
}
