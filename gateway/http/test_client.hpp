#pragma once

// Test support for the gateway/http tests (header only, included by *.test.cpp only): a Beast
// client on one keep-alive connection to 127.0.0.1. Every operation runs asynchronously under
// a 30 s deadline (tcp_stream timeouts), so a server bug fails the test instead of hanging it.

#include <doctest/doctest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kactor::http::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

inline bhttp::request<bhttp::string_body> get(std::string target) {
  bhttp::request<bhttp::string_body> req{bhttp::verb::get, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  return req;
}

struct client {
  asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;

  // The parser of a streamed response (begin_chunks()) and the chunks it has seen.
  std::optional<bhttp::response_parser<bhttp::empty_body>> chunk_parser;
  std::vector<std::string> chunks;
  std::vector<std::uint64_t> chunk_sizes;  // announced size of each chunk in `chunks`

  explicit client(std::uint16_t port, std::optional<int> receive_buffer = std::nullopt) {
    stream.socket().open(tcp::v4());
    if (receive_buffer)
      stream.socket().set_option(asio::socket_base::receive_buffer_size(*receive_buffer));
    stream.socket().connect(tcp::endpoint{asio::ip::make_address("127.0.0.1"), port});
  }

  template <class Start>
  beast::error_code run(Start start) {
    beast::error_code result = asio::error::would_block;
    stream.expires_after(std::chrono::seconds(30));
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

  // Reads everything until the server closes, into `out` when given; true on EOF or reset.
  bool read_to_close(std::string* out = nullptr) {
    if (out) out->append(static_cast<const char*>(buffer.data().data()), buffer.size());
    buffer.clear();
    std::vector<char> piece(1 << 20);
    for (;;) {
      std::size_t got = 0;
      auto ec = run([&](auto done) {
        stream.async_read_some(asio::buffer(piece), [&, done](beast::error_code e, std::size_t n) {
          got = n;
          done(e, n);
        });
      });
      if (out) out->append(piece.data(), got);
      if (ec) return ec == asio::error::eof || ec == asio::error::connection_reset;
    }
  }

  // Sends `req` and reads the head of a streamed response; then read_chunks() / read_end().
  bhttp::response_parser<bhttp::empty_body>& begin_chunks(bhttp::request<bhttp::string_body> req) {
    req.prepare_payload();
    auto ec = run([&](auto done) { bhttp::async_write(stream, req, done); });
    REQUIRE_MESSAGE(!ec, ec.message());
    chunks.clear();
    chunk_sizes.clear();
    chunk_parser.emplace();
    chunk_parser->on_chunk_header(chunk_header_);
    chunk_parser->on_chunk_body(chunk_body_);
    ec = run([&](auto done) { bhttp::async_read_header(stream, buffer, *chunk_parser, done); });
    REQUIRE_MESSAGE(!ec, ec.message());
    return *chunk_parser;
  }

  // Reads until `count` whole chunks of the streamed body arrived (or the deadline, failing).
  void read_chunks(std::size_t count) {
    while (complete_chunks_() < count) {
      auto ec =
          run([&](auto done) { bhttp::async_read_some(stream, buffer, *chunk_parser, done); });
      REQUIRE_MESSAGE(!ec, ec.message());
      REQUIRE_FALSE(chunk_parser->is_done());
    }
  }

  // Reads to the end of the streamed body (the final chunk); false when the connection broke
  // first.
  bool read_end() {
    while (!chunk_parser->is_done()) {
      auto ec =
          run([&](auto done) { bhttp::async_read_some(stream, buffer, *chunk_parser, done); });
      if (ec) return false;
    }
    return true;
  }

 private:
  std::size_t complete_chunks_() const {
    std::size_t n = 0;
    while (n < chunks.size() && chunks[n].size() == chunk_sizes[n])
      ++n;
    return n;
  }

  std::function<void(std::uint64_t, beast::string_view, beast::error_code&)> chunk_header_ =
      [this](std::uint64_t size, beast::string_view, beast::error_code&) {
        if (size == 0) return;  // the final chunk
        chunks.emplace_back();
        chunk_sizes.push_back(size);
      };
  std::function<std::size_t(std::uint64_t, beast::string_view, beast::error_code&)> chunk_body_ =
      [this](std::uint64_t, beast::string_view body, beast::error_code&) {
        chunks.back().append(body.data(), body.size());
        return body.size();
      };
};

}  // namespace kactor::http::testing
