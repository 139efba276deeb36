#include "messages/codec/canonical_json.hpp"

#include <doctest/doctest.h>

#include "messages/codec/json_path.hpp"

using namespace kactor::messages;

TEST_CASE("canonical text is what parse-then-dump writes") {
  for (std::string text :
       {R"({"f:spec":{"k:{\"name\":\"web\"}":{".":{}}}})", R"([1,-2,true,false,null,"a\u0001"])",
        "{}", "[]", "0", "\"caf\xc3\xa9\""}) {
    CAPTURE(text);
    CHECK(is_canonical_json(text));
    CHECK(json::parse(text).dump() == text);
  }
}

TEST_CASE("anything the dump would write differently is not canonical") {
  for (std::string text :
       {R"({ "a":1})", R"({"a":1,"a":2})", "1.5", "1e2", "-0", "007", R"("\/")", R"("\u0041")",
        R"("\u000a")", "\"\xff\"", "123456789012345678901", "[1,]", "{\"a\":1}x", ""}) {
    CAPTURE(text);
    CHECK_FALSE(is_canonical_json(text));
  }
}

TEST_CASE("UTF-8 sequences are measured, invalid ones are 0") {
  CHECK(utf8_sequence_length("\xc3\xa9", 0) == 2);
  CHECK(utf8_sequence_length("\xe6\x97\xa5", 0) == 3);
  CHECK(utf8_sequence_length("\xf0\x9f\x98\x80", 0) == 4);
  CHECK(utf8_sequence_length("\xc0\x80", 0) == 0);
  CHECK(utf8_sequence_length("\xed\xa0\x80", 0) == 0);
  CHECK(utf8_sequence_length("\xc3", 0) == 0);
}
