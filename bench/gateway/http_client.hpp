#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/verb.hpp>

// A blocking HTTP/1.1 keep-alive client for bench_gateway's setup steps, the LIST timing and
// the watch test's writer. One connection, one request at a time, on the caller's thread.
namespace kactor::bench::gateway {

// Where the gateway listens (always 127.0.0.1 in this bench).
struct endpoint {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
};

// One exchange: the status and body, or a transport error (then status is 0).
struct http_reply {
  unsigned status = 0;
  std::string body;
  std::string error;                               // empty on success
  std::chrono::steady_clock::time_point sent;      // just before the request was written
  std::chrono::steady_clock::time_point received;  // when the whole response had been read
  bool ok() const { return error.empty(); }
};

class http_client {
 public:
  explicit http_client(endpoint ep);

  // Sends one request (connecting first if needed) and reads the whole response, waiting at
  // most `timeout`. Responses of any size are accepted. A transport error closes the
  // connection; the next call reconnects.
  http_reply request(boost::beast::http::verb method, const std::string& target,
                     const std::string& body = {}, const std::string& accept = "application/json",
                     std::chrono::milliseconds timeout = std::chrono::seconds(30));

 private:
  bool connect(std::string& error);

  endpoint ep_;
  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  bool connected_ = false;
};

}  // namespace kactor::bench::gateway
