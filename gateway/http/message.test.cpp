#include "gateway/http/message.hpp"

#include <doctest/doctest.h>

using namespace kactor::http;

TEST_CASE("request lookups: headers case-insensitively, query items by key") {
  request req;
  req.headers = {{"Content-Type", "application/json"}, {"Accept", "a"}, {"accept", "b"}};
  req.query = parse_query("verbose&exclude=a&exclude=b");
  CHECK(req.find_header("content-type") == "application/json");
  CHECK(req.find_header("ACCEPT") == "a");
  CHECK_FALSE(req.find_header("Host").has_value());
  CHECK(req.has_query("verbose"));
  CHECK(req.query_value("verbose") == "");
  CHECK_FALSE(req.has_query("watch"));
  CHECK(req.query_values("exclude") == std::vector<std::string>{"a", "b"});
}

TEST_CASE("response helpers set the content type; set_header replaces") {
  auto res = response::json(201, "{}");
  CHECK(res.status == 201);
  CHECK(res.find_header("content-type") == "application/json");
  res.set_header("CONTENT-TYPE", "application/yaml");
  CHECK(res.headers.size() == 1);
  CHECK(res.find_header("Content-Type") == "application/yaml");
  CHECK(response::text(200, "ok").find_header("Content-Type") == "text/plain; charset=utf-8");
}
