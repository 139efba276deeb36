#include "messages/int_or_string.hpp"

#include <doctest/doctest.h>

using namespace kactor::messages;

TEST_CASE("IntOrString constructors set the type") {
  auto i = make_int_or_string(5);
  CHECK_FALSE(holds_string(i));
  CHECK(i.has_type());
  CHECK(i.intval() == 5);
  auto s = make_int_or_string(std::string("http"));
  CHECK(holds_string(s));
  CHECK(s.strval() == "http");
}

TEST_CASE("integers scale to themselves") {
  CHECK(*scaled_value(make_int_or_string(3), 10, true) == 3);
  CHECK(*scaled_value(make_int_or_string(0), 10, false) == 0);
}

TEST_CASE("percentages round up or down") {
  auto quarter = make_int_or_string(std::string("25%"));
  CHECK(*scaled_value(quarter, 10, true) == 3);
  CHECK(*scaled_value(quarter, 10, false) == 2);
  CHECK(*scaled_value(quarter, 8, true) == 2);
  CHECK(*scaled_value(quarter, 0, true) == 0);
  CHECK(*scaled_value(make_int_or_string(std::string("100%")), 7, false) == 7);
  CHECK(*scaled_value(make_int_or_string(std::string("1%")), 1, true) == 1);
  CHECK(*scaled_value(make_int_or_string(std::string("1%")), 1, false) == 0);
}

TEST_CASE("non-percentage strings are errors") {
  auto name = scaled_value(make_int_or_string(std::string("http")), 10, true);
  REQUIRE_FALSE(name);
  CHECK(name.error().code == codec_errc::invalid_value);
  CHECK(name.error().message ==
        "invalid value \"http\" for IntOrString: string is not a percentage");
  CHECK(scaled_value(make_int_or_string(std::string("x%")), 10, true).error().message ==
        "invalid value \"x%\" for IntOrString: percentage is not an integer");
  CHECK_FALSE(scaled_value(make_int_or_string(std::string("%")), 10, true));
  CHECK_FALSE(scaled_value(make_int_or_string(std::string("2.5%")), 10, true));
}
