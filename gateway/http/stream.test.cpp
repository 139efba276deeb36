#include "gateway/http/stream.hpp"

#include <doctest/doctest.h>

#include <sys/resource.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <thread>

#include "gateway/http/server.hpp"
#include "gateway/http/stream_channel.hpp"
#include "gateway/http/test_client.hpp"
#include "gateway/http/test_stream_hub.hpp"

using namespace std::chrono_literals;
using namespace kactor;
using namespace kactor::http::testing;

namespace {

config::http_config test_config() {
  config::http_config cfg;
  cfg.port = 0;
  cfg.idle_timeout = 30s;
  cfg.read_timeout = 30s;
  cfg.write_timeout = 30s;
  return cfg;
}

// A server with GET /watch (streams, through the hub) and GET /hello.
struct fixture {
  std::shared_ptr<stream_hub> hub = std::make_shared<stream_hub>();
  std::unique_ptr<http::http_server> server;

  explicit fixture(config::http_config cfg = test_config()) {
    auto r = std::make_shared<http::router>();
    hub->add_route(*r, "/watch");
    r->add_sync("GET", "/hello",
                [](const http::request&) { return http::response::text(200, "hi"); });
    auto started = http::http_server::start(cfg, r);
    REQUIRE(started);
    server = std::move(*started);
  }

  std::uint16_t port() const { return server->port(); }
};

}  // namespace

TEST_CASE("chunks arrive in order and as written; after end() the connection serves again") {
  fixture f;
  client c{f.port()};
  auto& head = c.begin_chunks(get("/watch"));
  CHECK(head.get().result_int() == 200);
  CHECK(head.get().chunked());
  CHECK(head.get()[bhttp::field::content_type] == "application/json");
  REQUIRE(f.hub->wait_opened(1));
  auto s = f.hub->at(0);
  std::vector<std::string> sent{"{\"type\":\"ADDED\"}\n", std::string(100'000, 'x') + "\n",
                                "{\"type\":\"DELETED\"}\n"};
  for (auto& chunk : sent)
    CHECK(s.write(chunk));
  c.read_chunks(sent.size());
  CHECK(c.chunks == sent);
  CHECK_FALSE(s.closed());
  CHECK(f.hub->closed() == 0);
  s.end();
  CHECK(s.closed());
  CHECK_FALSE(s.write("after end"));
  REQUIRE(c.read_end());
  CHECK(c.chunks == sent);
  CHECK(c.chunk_parser->get().keep_alive());
  CHECK(f.hub->wait_closed(1));
  auto next = c.send(get("/hello"));
  CHECK(next.result_int() == 200);
  CHECK(next.body() == "hi");
}

TEST_CASE("a client closing its socket closes an idle stream and runs on_close") {
  fixture f;
  client c{f.port()};
  c.begin_chunks(get("/watch"));
  REQUIRE(f.hub->wait_opened(1));
  auto s = f.hub->at(0);
  bool fired_in_place = false;
  c.stream.socket().close();
  REQUIRE(f.hub->wait_closed(1));
  CHECK(s.closed());
  CHECK_FALSE(s.write("nobody listens"));
  s.on_close([&] { fired_in_place = true; });  // already closed: runs at once
  CHECK(fired_in_place);
}

TEST_CASE("HTTP/1.0 gets the body unframed and the connection closes at the end") {
  fixture f;
  client c{f.port()};
  c.write_raw("GET /watch HTTP/1.0\r\n\r\n");
  REQUIRE(f.hub->wait_opened(1));
  auto s = f.hub->at(0);
  CHECK(s.write("one\n"));
  CHECK(s.write("two\n"));
  s.end();
  std::string all;
  REQUIRE(c.read_to_close(&all));
  CHECK(all.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(all.find("Transfer-Encoding") == std::string::npos);
  CHECK(all.find("Connection: close\r\n") != std::string::npos);
  CHECK(all.substr(all.size() - 12) == "\r\n\r\none\ntwo\n");
}

TEST_CASE("HEAD on a streaming route gets the head only; the stream closes at once") {
  fixture f;
  client c{f.port()};
  c.write_raw("HEAD /watch HTTP/1.1\r\nHost: x\r\n\r\n");
  auto head = c.receive(true);
  CHECK(head.result_int() == 200);
  CHECK(head.chunked());
  REQUIRE(f.hub->wait_closed(1));
  CHECK_FALSE(f.hub->at(0).write("x"));
  CHECK(c.send(get("/hello")).body() == "hi");
}

TEST_CASE("a reader too slow for the queue limit is dropped without a final chunk") {
  auto cfg = test_config();
  cfg.write_timeout = 600s;  // only the queue limit can close the stream within the wait below
  fixture f{cfg};
  client c{f.port(), 16 * 1024};  // a small receive window: the server's socket fills soon
  c.begin_chunks(get("/watch"));
  REQUIRE(f.hub->wait_opened(1));
  auto s = f.hub->at(0);
  const std::string mib(1 << 20, 'x');
  std::size_t accepted = 0;
  // The socket takes a few MiB, the queue 16 MiB; 1 GiB without a refusal is a failure.
  for (int i = 0; i < 1024 && s.write(mib); ++i)
    accepted += mib.size();
  CHECK(s.closed());
  CHECK(accepted > http::max_stream_queue_bytes - mib.size());
  REQUIRE(f.hub->wait_closed(1));
  CHECK_FALSE(c.read_end());  // the body breaks off: no final chunk
}

TEST_CASE("a peer that stops reading is closed after the write timeout") {
  auto cfg = test_config();
  cfg.write_timeout = 300ms;  // the test waits for the close event, not for a fixed time
  fixture f{cfg};
  client c{f.port(), 16 * 1024};
  c.begin_chunks(get("/watch"));
  REQUIRE(f.hub->wait_opened(1));
  auto s = f.hub->at(0);
  const std::string mib(1 << 20, 'x');
  // 8 MiB: more than the kernel buffers take, less than the queue limit.
  for (int i = 0; i < 8; ++i)
    s.write(mib);
  REQUIRE(f.hub->wait_closed(1));
  CHECK(s.closed());
  CHECK(c.read_to_close());
}

TEST_CASE("a stream outlives the read and idle timeouts") {
  auto cfg = test_config();
  cfg.read_timeout = 100ms;
  cfg.idle_timeout = 100ms;
  fixture f{cfg};
  client c{f.port()};
  c.begin_chunks(get("/watch"));
  REQUIRE(f.hub->wait_opened(1));
  // Nothing may happen here, so there is no event to wait for: idle for 5x the timeouts.
  std::this_thread::sleep_for(500ms);
  CHECK(f.hub->at(0).write("still here\n"));
  c.read_chunks(1);
  CHECK(c.chunks == std::vector<std::string>{"still here\n"});
  CHECK(f.hub->closed() == 0);
}

TEST_CASE("stop closes open streams without a final chunk and runs on_close") {
  fixture f;
  client c{f.port()};
  c.begin_chunks(get("/watch"));
  REQUIRE(f.hub->wait_opened(1));
  CHECK(f.hub->at(0).write("one\n"));
  c.read_chunks(1);
  f.server->stop();
  CHECK(f.hub->closed() == 1);  // stop() returns after the callbacks ran
  CHECK_FALSE(f.hub->at(0).write("two\n"));
  CHECK_FALSE(c.read_end());
}

namespace {

// How many streams the open-file limit allows (each needs a client and a server descriptor).
std::size_t affordable_streams(std::size_t wanted) {
  rlimit limit{};
  REQUIRE(getrlimit(RLIMIT_NOFILE, &limit) == 0);
  if (limit.rlim_cur == RLIM_INFINITY) return wanted;
  auto afford = (static_cast<std::size_t>(limit.rlim_cur) - 200) / 2;
  if (afford < wanted)
    MESSAGE("open-file soft limit " << limit.rlim_cur << ": testing " << afford << " streams");
  return std::min(wanted, afford);
}

// One watching client of the many-streams test.
struct watcher {
  explicit watcher(asio::io_context& ioc) : socket(ioc) {}
  tcp::socket socket;
  std::string in;
};

}  // namespace

TEST_CASE("2000 open streams on one I/O thread all receive a broadcast chunk") {
  auto cfg = test_config();
  cfg.threads = 1;
  fixture f{cfg};
  const std::size_t n = affordable_streams(2000);
  asio::io_context ioc;
  std::vector<std::unique_ptr<watcher>> watchers;
  std::size_t received = 0;  // only touched on the client thread
  // The deadline: closing every socket ends every pending operation, and the test fails.
  asio::steady_timer deadline{ioc, 120s};
  deadline.async_wait([&](beast::error_code ec) {
    if (ec) return;
    for (auto& w : watchers)
      w->socket.close();
  });
  auto on_broadcast = [&](beast::error_code ec, std::size_t) {
    if (!ec && ++received == n) deadline.cancel();  // the client loop runs out of work
  };
  static const std::string request = "GET /watch HTTP/1.1\r\nHost: x\r\n\r\n";
  const tcp::endpoint server{asio::ip::make_address("127.0.0.1"), f.port()};
  for (std::size_t i = 0; i < n; ++i) {
    auto& w = *watchers.emplace_back(std::make_unique<watcher>(ioc));
    w.socket.async_connect(server, [&w, &on_broadcast](beast::error_code ec) {
      if (ec) return;
      asio::async_write(w.socket, asio::buffer(request),
                        [&w, &on_broadcast](beast::error_code ec, std::size_t) {
                          if (ec) return;
                          asio::async_read_until(w.socket, asio::dynamic_buffer(w.in),
                                                 "\"broadcast\"}\n", on_broadcast);
                        });
    });
  }
  auto start = std::chrono::steady_clock::now();
  std::thread clients{[&] { ioc.run(); }};
  bool all_opened = f.hub->wait_opened(n);
  auto opened = std::chrono::steady_clock::now();
  CHECK(all_opened);
  CHECK(f.server->connections() == n);
  for (auto& s : f.hub->streams())
    CHECK(s.write("{\"type\":\"broadcast\"}\n"));
  clients.join();  // every watcher got the chunk, or the deadline closed them all
  auto done = std::chrono::steady_clock::now();
  CHECK(received == n);
  MESSAGE(n << " streams opened in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(opened - start).count()
            << " ms; broadcast received by all in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(done - opened).count()
            << " ms");
  for (auto& s : f.hub->streams())
    s.end();
  CHECK(f.hub->wait_closed(n));
}
