#pragma once

// Internal to the HTTP server: includes Boost.Beast. Only server.cpp and session.cpp include
// this header, so nothing else pays Beast's compile time.

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "config/http_config.hpp"
#include "gateway/http/router.hpp"
#include "gateway/http/server.hpp"
#include "gateway/http/stream_channel.hpp"
#include "gateway/http/websocket.hpp"

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
  // Keeps the loop running while a session waits for its handler with no operation pending
  // and the acceptor is closed (draining); stop() resets it so the threads can end.
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  std::atomic<bool> stopping{false};
  std::atomic<bool> draining{false};  // drain() began: no new requests, streams end
  mutable std::mutex mutex;           // guards sessions and open
  std::set<std::weak_ptr<session>, std::owner_less<std::weak_ptr<session>>> sessions;
  std::size_t open = 0;                  // sockets accepted and not yet closed
  std::condition_variable open_changed;  // notified when `open` drops

  // A session's socket closed (once per session): counts it out and wakes drain().
  void connection_closed();
};

// One connection: reads a request, routes it, writes the answer (whole, or streamed chunk by
// chunk), repeats while keep-alive. Every member function but start(), close(), drain() and
// open_stream() runs on the connection's strand. The request/response cycle is in
// session.cpp, the streaming phase in session_stream.cpp.
class session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket socket, std::shared_ptr<http_server::impl> server);
  ~session();

  // Starts serving on the connection's strand.
  void start();

  // Closes the socket from the strand; pending operations end with operation_aborted and an
  // open stream closes (its on_close callbacks run).
  void close();

  // From the strand: an idle connection closes, a stream ends (final chunk, then close); a
  // request being read or handled finishes and its response closes the connection.
  void drain();

 private:
  enum class phase {
    idle,       // waiting for the first byte of a request (idle timeout)
    reading,    // reading a request (read timeout)
    handling,   // the handler has the request; no socket operation pending
    writing,    // writing a whole response (or finishing a stream)
    streaming,  // a streaming response is open
    websocket,  // upgraded to WebSocket (session_ws.cpp)
    closed,     // the socket is closed
  };

  void await_request();
  void read_request();
  void on_read(beast::error_code ec);
  responder make_responder();
  void reject(unsigned status, const char* body);
  void write(response res);
  void on_write(bool keep_alive, beast::error_code ec);
  void shutdown();

  // Streaming (session_stream.cpp).
  stream open_stream(response head);  // any thread: the responder's stream opener
  void start_stream(response head, std::shared_ptr<stream_channel> channel);
  void on_head_written(beast::error_code ec);
  void watch_peer();
  void on_peer_read(beast::error_code ec, std::size_t n);
  void pump();
  void on_chunks_written(beast::error_code ec);
  void finish_stream();

  // WebSocket (session_ws.cpp).
  std::optional<websocket> open_websocket(std::string subprotocol);  // any thread
  void start_websocket(std::string subprotocol, std::shared_ptr<websocket_channel> channel);
  void ws_read();
  void ws_pump();
  struct ws_state;

  // First, so it is destroyed last: the socket and its strand must go before the io_context
  // (a session outliving stop() through a late responder is destroyed after the server).
  std::shared_ptr<http_server::impl> server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
  std::string remote_;
  phase phase_ = phase::idle;
  bool head_ = false;        // the request being answered is HEAD: send no body
  bool keep_alive_ = false;  // the request being answered allows keep-alive
  unsigned version_ = 11;    // of the request being answered
  beast::http::response<beast::http::string_body> out_;

  // The open stream, while phase_ is streaming.
  std::shared_ptr<stream_channel> channel_;
  bool chunked_ = true;              // HTTP/1.1: chunked framing; HTTP/1.0: raw bytes, then close
  bool stream_keep_alive_ = false;   // serve another request after the final chunk
  bool stream_writing_ = false;      // the head or a batch of chunks is being written
  bool ending_ = false;              // the batch being written ends the stream
  bool peer_read_pending_ = false;   // a read watches for the peer closing
  std::size_t in_flight_bytes_ = 0;  // payload bytes of the batch being written
  std::vector<std::string> wire_;    // the batch being written: framing and payload
  std::vector<asio::const_buffer> buffers_;
  beast::http::response<beast::http::empty_body> stream_head_;
  std::optional<beast::http::response_serializer<beast::http::empty_body>> head_serializer_;

  // The request being answered, kept when it asks for a WebSocket upgrade.
  std::optional<beast::http::request<beast::http::empty_body>> upgrade_request_;
  std::shared_ptr<ws_state> ws_;  // while phase_ is websocket
  std::shared_ptr<websocket_channel> ws_channel_;
};

}  // namespace kactor::http
