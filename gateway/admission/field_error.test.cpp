#include "gateway/admission/field_error.hpp"

#include <doctest/doctest.h>

using namespace kactor::admission;

TEST_CASE("field error texts match apimachinery's ErrorBody") {
  CHECK(required("spec.containers").message == "Required value");
  CHECK(required("metadata.name", "name or generateName is required").message ==
        "Required value: name or generateName is required");
  CHECK(invalid("metadata.name", "Foo", "bad").message == "Invalid value: \"Foo\": bad");
  CHECK(invalid("spec.replicas", std::int64_t{-1}, "must be greater than or equal to 0").message ==
        "Invalid value: -1: must be greater than or equal to 0");
  CHECK(not_supported("spec.type", "X", {"A", "B"}).message ==
        "Unsupported value: \"X\": supported values: \"A\", \"B\"");
  CHECK(duplicate("spec.ports[1].name", "http").message == "Duplicate value: \"http\"");
  CHECK(forbidden("spec", "no").message == "Forbidden: no");
  CHECK(too_long("metadata.annotations", 262144).message ==
        "Too long: may not be more than 262144 bytes");
  CHECK(not_found("a", "x").type == "FieldValueNotFound");
  CHECK(invalid("a", "x\"y", "d").message == "Invalid value: \"x\\\"y\": d");
}

TEST_CASE("paths print as field.Path does") {
  CHECK(child("spec", "template") == "spec.template");
  CHECK(index("spec.containers", 2) == "spec.containers[2]");
  CHECK(key("data", "a b") == "data[a b]");
  CHECK(child("", "type") == "type");
}

TEST_CASE("invalid_message aggregates like NewInvalid") {
  field_errors one{required("spec.template.spec.containers[0].image")};
  CHECK(
      invalid_message("Deployment.apps", "web", one) ==
      "Deployment.apps \"web\" is invalid: spec.template.spec.containers[0].image: Required value");
  field_errors two{required("spec.selector"), required("spec.selector"),
                   invalid("metadata.name", "A", "x")};
  CHECK(invalid_message("Pod", "p", two) ==
        "Pod \"p\" is invalid: [spec.selector: Required value, metadata.name: Invalid value: "
        "\"A\": x]");
  CHECK(invalid_message("Pod", "p", {}) == "Pod \"p\" is invalid");
  CHECK(qualified_kind("apps", "Deployment") == "Deployment.apps");
  CHECK(qualified_kind("", "Pod") == "Pod");
}
