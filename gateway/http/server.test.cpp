#include "gateway/http/server.hpp"

#include <doctest/doctest.h>

#include <caf/message.hpp>

#include <chrono>
#include <condition_variable>
#include <future>
#include <thread>

#include "gateway/http/test_client.hpp"
#include "gateway/http/test_stream_hub.hpp"

using namespace std::chrono_literals;
using namespace kactor;
using namespace kactor::http::testing;

namespace {

config::http_config test_config() {
  config::http_config cfg;
  cfg.port = 0;
  cfg.max_header_bytes = 4096;
  cfg.max_body_bytes = 1024;
  cfg.idle_timeout = 30s;
  return cfg;
}

std::shared_ptr<http::router> echo_router() {
  auto r = std::make_shared<http::router>();
  r->add_sync("GET", "/hello", [](const http::request& req) {
    return http::response::text(200, "hello " + req.query_value("name").value_or("world"));
  });
  r->add_sync("POST", "/echo", [](const http::request& req) {
    auto res = http::response::text(200, req.body);
    res.set_header("X-Method", req.method);
    return res;
  });
  return r;
}

}  // namespace

TEST_CASE("port 0 binds a free port; requests on one keep-alive connection are answered") {
  auto server = http::http_server::start(test_config(), echo_router());
  REQUIRE(server);
  auto& s = **server;
  CHECK(s.port() != 0);
  CHECK(s.address() == "127.0.0.1");
  client c{s.port()};
  auto first = c.send(get("/hello?name=kactor"));
  CHECK(first.result_int() == 200);
  CHECK(first.body() == "hello kactor");
  CHECK(first[bhttp::field::content_type] == "text/plain; charset=utf-8");
  CHECK(first.keep_alive());
  bhttp::request<bhttp::string_body> post{bhttp::verb::post, "/echo", 11};
  post.body() = "payload";
  auto second = c.send(post);
  CHECK(second.body() == "payload");
  CHECK(second["X-Method"] == "POST");
  CHECK(s.connections() == 1);
  auto missing = c.send(get("/nope"));
  CHECK(missing.result_int() == 404);
}

TEST_CASE("HEAD gets the GET headers without a body; Connection: close is honoured") {
  auto server = http::http_server::start(test_config(), echo_router());
  REQUIRE(server);
  client c{(*server)->port()};
  c.write_raw("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  auto head = c.receive(true);
  CHECK(head.result_int() == 200);
  CHECK(head[bhttp::field::content_length] == "11");
  c.write_raw("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  auto last = c.receive();
  CHECK(last.body() == "hello world");
  CHECK_FALSE(last.keep_alive());
  CHECK(c.closed_by_server());
}

TEST_CASE("pipelined requests are answered in order") {
  auto server = http::http_server::start(test_config(), echo_router());
  REQUIRE(server);
  client c{(*server)->port()};
  c.write_raw(
      "GET /hello?name=a HTTP/1.1\r\nHost: x\r\n\r\nGET /hello?name=b HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(c.receive().body() == "hello a");
  CHECK(c.receive().body() == "hello b");
}

TEST_CASE("oversized headers get 431, oversized bodies 413, garbage 400; each closes") {
  auto server = http::http_server::start(test_config(), echo_router());
  REQUIRE(server);
  auto port = (*server)->port();
  {
    client c{port};
    auto req = get("/hello");
    req.set("X-Big", std::string(8192, 'a'));
    auto res = c.send(req);
    CHECK(res.result_int() == 431);
    CHECK(c.closed_by_server());
  }
  {
    client c{port};
    bhttp::request<bhttp::string_body> post{bhttp::verb::post, "/echo", 11};
    post.body() = std::string(2048, 'b');
    auto res = c.send(post);
    CHECK(res.result_int() == 413);
    CHECK(res.body().find("\"reason\":\"RequestEntityTooLarge\"") != std::string::npos);
    CHECK(c.closed_by_server());
  }
  {
    client c{port};
    c.write_raw("NOT HTTP AT ALL\r\n\r\n");
    auto res = c.receive();
    CHECK(res.result_int() == 400);
    CHECK(c.closed_by_server());
  }
}

TEST_CASE("an idle keep-alive connection is closed after the idle timeout") {
  auto cfg = test_config();
  cfg.idle_timeout = 200ms;  // the client waits for the close event, not for a fixed time
  auto server = http::http_server::start(cfg, echo_router());
  REQUIRE(server);
  client c{(*server)->port()};
  CHECK(c.send(get("/hello")).result_int() == 200);
  CHECK(c.closed_by_server());
}

TEST_CASE("a handler may answer later from another thread") {
  auto r = std::make_shared<http::router>();
  std::promise<http::responder> parked;
  r->add("GET", "/later", [&](http::request, http::responder res) { parked.set_value(res); });
  auto server = http::http_server::start(test_config(), r);
  REQUIRE(server);
  auto answer = std::async(std::launch::async, [&] {
    auto res = parked.get_future().get();
    res.send(http::response::text(202, "done"));
  });
  client c{(*server)->port()};
  auto res = c.send(get("/later"));
  CHECK(res.result_int() == 202);
  CHECK(res.body() == "done");
}

TEST_CASE("listening on a taken port fails with a message naming the address") {
  auto first = http::http_server::start(test_config(), echo_router());
  REQUIRE(first);
  auto cfg = test_config();
  cfg.port = (*first)->port();
  auto second = http::http_server::start(cfg, echo_router());
  REQUIRE_FALSE(second);
  auto message = second.error().context().get_as<std::string>(0);
  CHECK(message ==
        "http: listen on 127.0.0.1:" + std::to_string(cfg.port) + ": Address already in use");
}

TEST_CASE("stop closes open connections and refuses new ones") {
  auto server = http::http_server::start(test_config(), echo_router());
  REQUIRE(server);
  auto port = (*server)->port();
  client c{port};
  CHECK(c.send(get("/hello")).result_int() == 200);
  (*server)->stop();
  CHECK(c.closed_by_server());
  asio::io_context ioc;
  tcp::socket s{ioc};
  beast::error_code ec;
  s.connect(tcp::endpoint{asio::ip::make_address("127.0.0.1"), port}, ec);
  CHECK(ec == asio::error::connection_refused);
}

TEST_CASE("an answer arriving after stop is dropped without touching the stopped server") {
  auto r = std::make_shared<http::router>();
  std::promise<http::responder> parked;
  r->add("GET", "/later", [&](http::request, http::responder res) { parked.set_value(res); });
  auto server = http::http_server::start(test_config(), r);
  REQUIRE(server);
  client c{(*server)->port()};
  auto req = get("/later");
  req.prepare_payload();
  CHECK_FALSE(c.run([&](auto done) { bhttp::async_write(c.stream, req, done); }));
  auto res = parked.get_future().get();
  (*server)->stop();
  CHECK(c.closed_by_server());
  res.send(http::response::text(200, "too late"));
  server->reset();  // destroys the server while a responder copy is still alive
  CHECK(res.answered());
}

namespace {

// A server with GET /watch (streams, through the hub), GET /slow (parks its responder for the
// test to answer) and GET /hello.
struct drain_fixture {
  std::shared_ptr<stream_hub> hub = std::make_shared<stream_hub>();
  std::promise<http::responder> parked;
  std::unique_ptr<http::http_server> server;

  drain_fixture() {
    auto r = echo_router();
    hub->add_route(*r, "/watch");
    r->add("GET", "/slow", [this](http::request, http::responder res) { parked.set_value(res); });
    auto started = http::http_server::start(test_config(), r);
    REQUIRE(started);
    server = std::move(*started);
  }

  bool refuses_connections() const {
    asio::io_context ioc;
    tcp::socket s{ioc};
    beast::error_code ec;
    s.connect(tcp::endpoint{asio::ip::make_address("127.0.0.1"), server->port()}, ec);
    return ec == asio::error::connection_refused;
  }
};

}  // namespace

TEST_CASE("drain ends open streams cleanly and lets an in-flight request finish") {
  drain_fixture f;
  client watching{f.server->port()};
  watching.begin_chunks(get("/watch"));
  REQUIRE(f.hub->wait_opened(1));
  CHECK(f.hub->at(0).write("before\n"));
  watching.read_chunks(1);
  client slow{f.server->port()};
  slow.write_raw("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
  auto res = f.parked.get_future().get();  // the handler holds the request
  client idle{f.server->port()};
  CHECK(idle.send(get("/hello")).result_int() == 200);

  auto drained = std::async(std::launch::async, [&] { f.server->drain(60s); });
  REQUIRE(watching.read_end());  // the final chunk came: the body is complete
  CHECK(watching.chunks == std::vector<std::string>{"before\n"});
  CHECK(watching.closed_by_server());
  CHECK(f.hub->wait_closed(1));
  CHECK(idle.closed_by_server());
  // The slow request keeps drain waiting (its deadline is a minute away).
  CHECK(drained.wait_for(0s) == std::future_status::timeout);

  res.send(http::response::text(200, "slow done"));
  auto answer = slow.receive();
  CHECK(answer.body() == "slow done");
  CHECK_FALSE(answer.keep_alive());
  CHECK(slow.closed_by_server());
  REQUIRE(drained.wait_for(30s) == std::future_status::ready);
  CHECK(f.server->connections() == 0);
  CHECK(f.refuses_connections());
}

TEST_CASE("drain stops hard at its deadline when a request outlives it") {
  drain_fixture f;
  client slow{f.server->port()};
  slow.write_raw("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
  auto res = f.parked.get_future().get();
  auto drained = std::async(std::launch::async, [&] { f.server->drain(200ms); });
  REQUIRE(drained.wait_for(30s) == std::future_status::ready);
  CHECK(slow.closed_by_server());
  CHECK(f.refuses_connections());
  res.send(http::response::text(200, "too late"));  // dropped
}

TEST_CASE("a stream begun while draining ends at once with its final chunk") {
  drain_fixture f;
  client later{f.server->port()};
  later.write_raw("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
  auto res = f.parked.get_future().get();
  client idle{f.server->port()};
  CHECK(idle.send(get("/hello")).result_int() == 200);
  auto drained = std::async(std::launch::async, [&] { f.server->drain(60s); });
  REQUIRE(idle.closed_by_server());  // drain has begun
  auto s = res.begin_stream(http::response::json(200, ""));
  REQUIRE(s);
  bool closed = false;
  std::mutex m;
  std::condition_variable cv;
  s->on_close([&] {
    std::lock_guard<std::mutex> guard{m};
    closed = true;
    cv.notify_all();
  });
  auto answer = later.receive();  // the whole (empty) chunked body
  CHECK(answer.result_int() == 200);
  CHECK(answer.chunked());
  CHECK(answer.body().empty());
  CHECK(later.closed_by_server());
  {
    std::unique_lock<std::mutex> lock{m};
    CHECK(cv.wait_for(lock, 30s, [&] { return closed; }));
  }
  CHECK(drained.wait_for(30s) == std::future_status::ready);
}
