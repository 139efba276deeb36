#include "gateway/selectors/field_selector.hpp"

#include <doctest/doctest.h>

using namespace kactor::selectors;

TEST_CASE("terms split on commas, at the first operator, and sort like Kubernetes") {
  auto s = parse_field_selector("spec.nodeName=node1,status.phase!=Succeeded,status.phase!=Failed");
  REQUIRE(s.has_value());
  REQUIRE(s->terms().size() == 3);
  CHECK(s->terms()[0] == field_term{"spec.nodeName", false, "node1"});
  CHECK(s->terms()[1] == field_term{"status.phase", true, "Failed"});
  CHECK(s->terms()[2] == field_term{"status.phase", true, "Succeeded"});
  CHECK(s->to_string() == "spec.nodeName=node1,status.phase!=Failed,status.phase!=Succeeded");

  auto double_eq = parse_field_selector("metadata.name==web");
  REQUIRE(double_eq.has_value());
  CHECK(double_eq->terms()[0] == field_term{"metadata.name", false, "web"});
  CHECK(double_eq->to_string() == "metadata.name=web");
}

TEST_CASE("empty values, empty terms and the empty selector") {
  auto s = parse_field_selector("involvedObject.namespace=,involvedObject.name=node1,");
  REQUIRE(s.has_value());
  REQUIRE(s->terms().size() == 2);
  CHECK(s->terms()[1] == field_term{"involvedObject.namespace", false, ""});
  auto all = parse_field_selector("");
  REQUIRE(all.has_value());
  CHECK(all->empty());
}

TEST_CASE("escaped commas, equals signs and backslashes in values") {
  auto s = parse_field_selector(R"(metadata.name=a\,b\=c\\d,x=y)");
  REQUIRE(s.has_value());
  REQUIRE(s->terms().size() == 2);
  CHECK(s->terms()[0] == field_term{"metadata.name", false, R"(a,b=c\d)"});
  CHECK(s->to_string() == R"(metadata.name=a\,b\=c\\d,x=y)");
  CHECK(escape_field_value("a=b") == R"(a\=b)");
}

TEST_CASE("exact_match finds the value a term pins") {
  auto s = parse_field_selector("metadata.name=web,spec.nodeName!=n1");
  REQUIRE(s.has_value());
  CHECK(s->exact_match("metadata.name") == std::optional<std::string_view>("web"));
  CHECK_FALSE(s->exact_match("spec.nodeName").has_value());
}

TEST_CASE("malformed selectors fail with Kubernetes' messages") {
  auto e = parse_field_selector("a=b,nonsense");
  REQUIRE_FALSE(e.has_value());
  CHECK(e.error().message == "invalid selector: 'a=b,nonsense'; can't understand 'nonsense'");
  CHECK(e.error().position == 4);
  e = parse_field_selector(R"(a=b\q)");
  REQUIRE_FALSE(e.has_value());
  CHECK(e.error().message == R"(invalid field selector: invalid escape sequence: \q)");
  e = parse_field_selector("a=b=c");
  REQUIRE_FALSE(e.has_value());
  CHECK(e.error().message == "invalid field selector: unescaped character in value: 61");
  e = parse_field_selector(R"(a=b\)");
  REQUIRE_FALSE(e.has_value());
  CHECK(e.error().message == R"(invalid field selector: invalid escape sequence: \)");
}
