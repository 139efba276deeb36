#include "gateway/http/responder.hpp"

#include <doctest/doctest.h>

#include <thread>
#include <vector>

using namespace kactor::http;

TEST_CASE("only the first send of all copies is delivered") {
  std::vector<int> delivered;
  {
    responder a{[&](response r) { delivered.push_back(r.status); }};
    responder b = a;
    CHECK_FALSE(a.answered());
    b.send(response::text(200, "first"));
    a.send(response::text(500, "second"));
    CHECK(a.answered());
  }
  CHECK(delivered == std::vector<int>{200});
}

TEST_CASE("a responder dropped unanswered sends 500") {
  std::vector<response> delivered;
  {
    responder r{[&](response res) { delivered.push_back(std::move(res)); }};
  }
  REQUIRE(delivered.size() == 1);
  CHECK(delivered[0].status == 500);
  CHECK(delivered[0].body == "handler did not respond\n");
}

TEST_CASE("send may come from another thread") {
  std::atomic<int> status{0};
  responder r{[&](response res) { status = res.status; }};
  std::thread t{[r] { r.send(response::text(204, "")); }};
  t.join();
  CHECK(status == 204);
}
