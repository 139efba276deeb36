#include "gateway/rest/api_error.hpp"

#include <doctest/doctest.h>

using namespace kactor::rest;

TEST_CASE("errors are Kubernetes Status objects with reason, code and details") {
  auto e = not_found({"apps", "deployments"}, "web");
  CHECK(e.code == 404);
  auto s = e.status();
  CHECK(s["kind"] == "Status");
  CHECK(s["status"] == "Failure");
  CHECK(s["reason"] == "NotFound");
  CHECK(s["message"] == "deployments.apps \"web\" not found");
  CHECK(s["details"]["group"] == "apps");
  CHECK(s["details"]["kind"] == "deployments");
  CHECK(s["code"] == 404);
  CHECK(already_exists({"", "pods"}, "p").message == "pods \"p\" already exists");
  CHECK(conflict({"", "pods"}, "p", "x").message ==
        "Operation cannot be fulfilled on pods \"p\": x");
  auto r = e.response();
  CHECK(r.status == 404);
  CHECK(r.find_header("Content-Type") == std::optional<std::string_view>{"application/json"});
}
