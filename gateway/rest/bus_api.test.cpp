#include "gateway/rest/bus_api.hpp"

#include <doctest/doctest.h>

using namespace kactor;

TEST_CASE("to_http_request describes the ApiRequest as the HTTP request it stands for") {
  bus::v1::ApiRequest in;
  in.set_method("PATCH");
  in.set_path("/api/v1/namespaces/default/pods/web/status");
  in.set_query("fieldManager=kubelet&dryRun=All");
  in.set_content_type("application/merge-patch+json");
  in.set_user_agent("kubelet/v1.32.0");
  in.set_body("{}");
  auto req = rest::to_http_request(in);
  CHECK(req.method == "PATCH");
  CHECK(req.target == "/api/v1/namespaces/default/pods/web/status?fieldManager=kubelet&dryRun=All");
  CHECK(req.query_value("fieldManager") == "kubelet");
  CHECK(req.find_header("content-type") == "application/merge-patch+json");
  CHECK(req.find_header("Accept") == "application/json");
  CHECK(req.find_header("User-Agent") == "kubelet/v1.32.0");
  CHECK(req.body == "{}");
}

TEST_CASE("to_api_response keeps status, content type, body and warning texts") {
  http::response out = http::response::json(201, "{\"kind\":\"Pod\"}");
  out.headers.push_back({"Warning", "299 - \"unknown field \\\"spec.foo\\\"\""});
  auto res = rest::to_api_response(out);
  CHECK(res.status() == 201);
  CHECK(res.content_type() == "application/json");
  CHECK(res.body() == "{\"kind\":\"Pod\"}");
  REQUIRE(res.warnings_size() == 1);
  CHECK(res.warnings(0) == "unknown field \\\"spec.foo\\\"");
}
