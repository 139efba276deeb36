#include "gateway/selectors/field_error.hpp"

#include <doctest/doctest.h>

using namespace kactor::selectors;

TEST_CASE("go_quote escapes like strconv.Quote") {
  CHECK(go_quote("plain") == "\"plain\"");
  CHECK(go_quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(go_quote("tab\there\n") == "\"tab\\there\\n\"");
  CHECK(go_quote(std::string("\x01", 1)) == "\"\\x01\"");
  CHECK(go_quote("caf\xc3\xa9") == "\"caf\xc3\xa9\"");
  CHECK(go_quote("\xff") == "\"\\xff\"");
}

TEST_CASE("string slices print as Go's %#v") {
  CHECK(go_string_slice({}) == "[]string{}");
  CHECK(go_string_slice({}, true) == "[]string(nil)");
  CHECK(go_string_slice({"a", "b"}) == "[]string{\"a\", \"b\"}");
}

TEST_CASE("aggregate joins distinct messages in brackets") {
  CHECK(aggregate({}).empty());
  CHECK(aggregate({"one"}) == "one");
  CHECK(aggregate({"one", "one"}) == "one");
  CHECK(aggregate({"one", "two", "one"}) == "[one, two]");
  CHECK(invalid_value("key", "\"x\"", "bad") == "key: Invalid value: \"x\": bad");
}
