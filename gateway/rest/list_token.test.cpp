#include "gateway/rest/list_token.hpp"

#include <doctest/doctest.h>

TEST_CASE("list continue tokens round-trip and reject garbage") {
  kactor::rest::list_token t{42, "default/web-1"};
  auto text = kactor::rest::format_list_token(t);
  auto back = kactor::rest::parse_list_token(text);
  REQUIRE(back);
  CHECK(back->revision == 42);
  CHECK(back->start_after == "default/web-1");
  CHECK_FALSE(kactor::rest::parse_list_token("not base64 !"));
  CHECK_FALSE(kactor::rest::parse_list_token("e30="));  // "{}"
}
