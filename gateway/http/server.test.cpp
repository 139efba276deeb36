#include "gateway/http/server.hpp"

#include <doctest/doctest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <caf/message.hpp>

#include <chrono>
#include <condition_variable>
#include <future>
#include <thread>

using namespace std::chrono_literals;
using namespace kactor;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

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

// A client on one keep-alive connection. Every operation runs asynchronously under a 30 s
// deadline (tcp_stream timeouts), so a server bug fails the test instead of hanging it.
struct client {
  asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;

  explicit client(std::uint16_t port) {
    stream.socket().connect(tcp::endpoint{asio::ip::make_address("127.0.0.1"), port});
  }

  template <class Start>
  beast::error_code run(Start start) {
    beast::error_code result = asio::error::would_block;
    stream.expires_after(30s);
    start([&](beast::error_code ec, std::size_t) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
  }

  bhttp::response<bhttp::string_body> send(bhttp::request<bhttp::string_body> req) {
    req.prepare_payload();
    auto ec = run([&](auto done) { bhttp::async_write(stream, req, done); });
    REQUIRE_MESSAGE(!ec, ec.message());
    return receive();
  }

  bhttp::response<bhttp::string_body> receive(bool head = false) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.skip(head);
    auto ec = run([&](auto done) { bhttp::async_read(stream, buffer, parser, done); });
    REQUIRE_MESSAGE(!ec, ec.message());
    return parser.release();
  }

  void write_raw(std::string_view bytes) {
    auto ec = run([&](auto done) {
      asio::async_write(stream, asio::buffer(bytes.data(), bytes.size()), done);
    });
    REQUIRE_MESSAGE(!ec, ec.message());
  }

  // True when the server closed the connection (a read ends with EOF or reset).
  bool closed_by_server() {
    char c;
    auto ec = run([&](auto done) { stream.async_read_some(asio::buffer(&c, 1), done); });
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }
};

bhttp::request<bhttp::string_body> get(std::string target) {
  bhttp::request<bhttp::string_body> req{bhttp::verb::get, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  return req;
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
