#pragma once

// Internal to the HTTP server: includes Boost.Beast. Only server.cpp and session.cpp include
// this header, so nothing else pays Beast's compile time.

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "config/http_config.hpp"
#include "gateway/http/router.hpp"
#include "gateway/http/server.hpp"

namespace kactor::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

class session;

// What the server and its sessions share. Sessions hold it by shared_ptr, so the io_context
// outlives every session, including one kept alive by a late responder.
struct http_server::impl {
  config::http_config cfg;
  std::shared_ptr<const router> routes;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::string address;
  std::uint16_t port = 0;
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  mutable std::mutex mutex;  // guards sessions
  std::set<std::weak_ptr<session>, std::owner_less<std::weak_ptr<session>>> sessions;
};

// One connection: reads a request, routes it, writes the answer, repeats while keep-alive.
class session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket socket, std::shared_ptr<http_server::impl> server);

  // Starts serving on the connection's strand.
  void start();

  // Closes the socket from the strand; pending operations end with operation_aborted.
  void close();

 private:
  void await_request();
  void read_request();
  void on_read(beast::error_code ec);
  void reject(unsigned status, const char* body);
  void write(response res);
  void on_write(bool keep_alive, beast::error_code ec);
  void shutdown();

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
  std::shared_ptr<http_server::impl> server_;
  std::string remote_;
  bool head_ = false;        // the request being answered is HEAD: send no body
  bool keep_alive_ = false;  // the request being answered allows keep-alive
  beast::http::response<beast::http::string_body> out_;
};

}  // namespace kactor::http
