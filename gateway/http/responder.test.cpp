#include "gateway/http/responder.hpp"

#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "gateway/http/stream_channel.hpp"

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

TEST_CASE("begin_stream and send: the first answer wins") {
  std::vector<int> delivered;
  std::vector<int> opened;
  auto opener = [&](response head) {
    opened.push_back(head.status);
    return stream{std::make_shared<stream_channel>(1024, [] {})};
  };
  {
    responder r{[&](response res) { delivered.push_back(res.status); }, opener};
    auto s = r.begin_stream(response::json(200, "ignored"));
    REQUIRE(s);
    CHECK(s->write("x"));
    CHECK(r.answered());
    CHECK_FALSE(r.begin_stream(response::json(201, "")));
    r.send(response::text(500, "late"));
  }
  CHECK(opened == std::vector<int>{200});
  CHECK(delivered.empty());  // not even the 500 of an unanswered responder
  {
    responder r{[&](response res) { delivered.push_back(res.status); }, opener};
    r.send(response::text(204, ""));
    CHECK_FALSE(r.begin_stream(response::json(200, "")));
  }
  CHECK(opened.size() == 1);
  CHECK(delivered == std::vector<int>{204});
}

TEST_CASE("begin_stream without an opener answers 500") {
  std::vector<response> delivered;
  responder r{[&](response res) { delivered.push_back(std::move(res)); }};
  CHECK_FALSE(r.begin_stream(response::json(200, "")));
  REQUIRE(delivered.size() == 1);
  CHECK(delivered[0].status == 500);
  CHECK(delivered[0].body == "streaming not supported\n");
}
