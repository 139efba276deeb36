#include "gateway/rest/query_values.hpp"

#include <doctest/doctest.h>

using namespace kactor::rest;

TEST_CASE("query booleans and numbers parse as Kubernetes reads them") {
  for (auto* t : {"true", "True", "TRUE", "1", "t", "T"})
    CHECK(query_true(std::string{t}));
  for (auto* f : {"false", "False", "0", "yes", ""})
    CHECK_FALSE(query_true(std::string{f}));
  CHECK_FALSE(query_true(std::nullopt));
  CHECK(parse_unsigned("42") == std::optional<std::uint64_t>{42});
  CHECK_FALSE(parse_unsigned(""));
  CHECK_FALSE(parse_unsigned("-1"));
  CHECK_FALSE(parse_unsigned("12a"));
}
