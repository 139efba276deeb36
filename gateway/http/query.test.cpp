#include "gateway/http/query.hpp"

#include <doctest/doctest.h>

using namespace kactor::http;

TEST_CASE("percent_decode decodes escapes and keeps malformed ones literally") {
  CHECK(percent_decode("a%20b", false) == "a b");
  CHECK(percent_decode("a+b", false) == "a+b");
  CHECK(percent_decode("a+b", true) == "a b");
  CHECK(percent_decode("%2Fx%2f", false) == "/x/");
  CHECK(percent_decode("100%", false) == "100%");
  CHECK(percent_decode("%4", false) == "%4");
  CHECK(percent_decode("%zz1", false) == "%zz1");
}

TEST_CASE("parse_query splits items, decodes them and keeps bare keys") {
  auto items = parse_query("verbose&exclude=bus&exclude=a%2Cb&labelSelector=app%3Dweb+x&&x=");
  REQUIRE(items.size() == 5);
  CHECK(items[0] == query_item{"verbose", ""});
  CHECK(items[1] == query_item{"exclude", "bus"});
  CHECK(items[2] == query_item{"exclude", "a,b"});
  CHECK(items[3] == query_item{"labelSelector", "app=web x"});
  CHECK(items[4] == query_item{"x", ""});
  CHECK(parse_query("").empty());
}
