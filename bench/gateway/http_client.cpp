#include "bench/gateway/http_client.hpp"

#include <limits>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http.hpp>

namespace kactor::bench::gateway {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

http_client::http_client(endpoint ep) : ep_(std::move(ep)), stream_(io_) {}

bool http_client::connect(std::string& error) {
  beast::error_code ec;
  auto address = asio::ip::make_address(ep_.host, ec);
  if (ec) {
    error = "bad address " + ep_.host + ": " + ec.message();
    return false;
  }
  stream_.expires_after(std::chrono::seconds(10));
  stream_.connect(asio::ip::tcp::endpoint(address, ep_.port), ec);
  if (ec) {
    error = "connect: " + ec.message();
    return false;
  }
  stream_.socket().set_option(asio::ip::tcp::no_delay(true));
  connected_ = true;
  buffer_.clear();
  return true;
}

http_reply http_client::request(http::verb method, const std::string& target,
                                const std::string& body, const std::string& accept,
                                std::chrono::milliseconds timeout) {
  http_reply reply;
  if (!connected_ && !connect(reply.error)) return reply;
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, ep_.host);
  req.set(http::field::accept, accept);
  if (!body.empty()) req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  http::response_parser<http::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  beast::error_code ec;
  stream_.expires_after(timeout);
  reply.sent = std::chrono::steady_clock::now();
  http::write(stream_, req, ec);
  if (!ec) http::read(stream_, buffer_, parser, ec);
  reply.received = std::chrono::steady_clock::now();
  if (ec) {
    reply.error = ec.message();
    stream_.socket().close(ec);
    connected_ = false;
    return reply;
  }
  auto res = parser.release();
  reply.status = res.result_int();
  reply.body = std::move(res.body());
  if (!res.keep_alive()) {
    stream_.socket().close(ec);
    connected_ = false;
  }
  return reply;
}

}  // namespace kactor::bench::gateway
