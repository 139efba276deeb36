#include "gateway/watchcache/watch_status.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

namespace wc = kactor::watchcache;

TEST_CASE("watch_status: the 410 Expired Status of kube-apiserver") {
  auto status = nlohmann::json::parse(wc::expired_status(7, 42));
  CHECK(status["kind"] == "Status");
  CHECK(status["apiVersion"] == "v1");
  CHECK(status["metadata"].is_object());
  CHECK(status["status"] == "Failure");
  CHECK(status["reason"] == "Expired");
  CHECK(status["code"] == 410);
  CHECK(status["message"] == "too old resource version: 7 (42)");
}

TEST_CASE("watch_status: any code and reason") {
  auto status = nlohmann::json::parse(wc::status_json(500, "InternalError", "a \"quoted\" text"));
  CHECK(status["code"] == 500);
  CHECK(status["reason"] == "InternalError");
  CHECK(status["message"] == "a \"quoted\" text");
}
