#include "gateway/http/websocket.hpp"

#include <doctest/doctest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "gateway/http/server.hpp"

using namespace kactor;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ws = beast::websocket;

namespace {

// Echoes every message back with a prefix; "bye" makes the server close (code 1000).
std::shared_ptr<http::router> echo_router() {
  auto r = std::make_shared<http::router>();
  r->add("GET", "/ws", [](http::request req, http::responder res) {
    auto conn =
        res.accept_websocket(std::string(req.find_header("Sec-WebSocket-Protocol").value_or("")));
    if (!conn) return;
    conn->on_message([c = *conn](std::string m) {
      if (m == "bye") return c.close();
      c.send("echo:" + m);
    });
  });
  return r;
}

}  // namespace

TEST_CASE("websocket_channel buffers early messages and runs close callbacks once") {
  int wakes = 0;
  http::websocket_channel ch([&] { ++wakes; });
  ch.received("early");
  std::vector<std::string> got;
  ch.on_message([&](std::string m) { got.push_back(std::move(m)); });
  ch.received("late");
  CHECK(got == std::vector<std::string>{"early", "late"});
  CHECK(ch.send("out"));
  CHECK(wakes == 1);
  int closes = 0;
  ch.on_close([&] { ++closes; });
  ch.closed_by_peer();
  ch.closed_by_peer();
  CHECK(closes == 1);
  CHECK(!ch.send("after"));
}

TEST_CASE("a handler accepts a WebSocket upgrade with a subprotocol and talks both ways") {
  config::http_config cfg;
  cfg.port = 0;
  auto server = http::http_server::start(cfg, echo_router());
  REQUIRE(server);
  asio::io_context ioc;
  asio::ip::tcp::socket sock(ioc);
  sock.connect({asio::ip::make_address("127.0.0.1"), (*server)->port()});
  ws::stream<asio::ip::tcp::socket> client(std::move(sock));
  client.set_option(ws::stream_base::decorator([](ws::request_type& req) {
    req.set(beast::http::field::sec_websocket_protocol, "v5.channel.k8s.io");
  }));
  ws::response_type handshake;
  client.handshake(handshake, "127.0.0.1", "/ws");
  CHECK(handshake[beast::http::field::sec_websocket_protocol] == "v5.channel.k8s.io");
  client.binary(true);
  client.write(asio::buffer(std::string("\x01hi", 3)));
  beast::flat_buffer buf;
  client.read(buf);
  CHECK(beast::buffers_to_string(buf.data()) == std::string("echo:\x01hi", 8));
  client.write(asio::buffer(std::string("bye")));
  beast::error_code ec;
  buf.consume(buf.size());
  client.read(buf, ec);
  CHECK(ec == ws::error::closed);
  CHECK(client.reason().code == ws::close_code::normal);
}

TEST_CASE("accept_websocket on a plain request answers 400") {
  config::http_config cfg;
  cfg.port = 0;
  auto server = http::http_server::start(cfg, echo_router());
  REQUIRE(server);
  asio::io_context ioc;
  beast::tcp_stream s(ioc);
  s.connect(asio::ip::tcp::endpoint{asio::ip::make_address("127.0.0.1"), (*server)->port()});
  beast::http::request<beast::http::empty_body> req{beast::http::verb::get, "/ws", 11};
  beast::http::write(s, req);
  beast::flat_buffer buf;
  beast::http::response<beast::http::string_body> res;
  beast::http::read(s, buf, res);
  CHECK(res.result_int() == 400);
}
