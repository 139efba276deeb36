#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <caf/expected.hpp>

#include "config/http_config.hpp"
#include "gateway/http/router.hpp"

namespace kactor::http {

// An asynchronous HTTP/1.1 server (Boost.Beast, kept out of this header): keep-alive,
// requests bounded by http_config's header and body limits (431 / 413, then close), idle,
// read and write timeouts (the connection is closed), HEAD answered from GET routes, and
// streaming responses (responder::begin_stream: chunked bodies kept open as long as the
// handler likes, without a thread each; a streaming connection has no read or idle timeout,
// only the per-write timeout). Every request is routed through the router, which must not
// change after start().
//
// Threads: `cfg.threads` I/O threads owned by the server; each connection is served on one
// strand, so its handler calls never overlap. Handlers may answer later from any thread.
class http_server {
 public:
  // Binds cfg.bind_address:cfg.port (port 0: any free port) and starts serving before it
  // returns. Fails with a message naming the address when it cannot listen
  // ("http: listen on 127.0.0.1:6443: Address already in use").
  static caf::expected<std::unique_ptr<http_server>> start(const config::http_config& cfg,
                                                           std::shared_ptr<const router> routes);

  // Stops (see stop()).
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  // The bound port (the chosen one when cfg.port was 0) and address.
  std::uint16_t port() const;
  const std::string& address() const;

  // Connections currently open (accepted, socket not yet closed).
  std::size_t connections() const;

  // Graceful stop: stops accepting, closes idle keep-alive connections, lets requests being
  // read or handled finish (their responses close the connection), ends every open stream
  // with its final chunk (on_close runs; a stream begun meanwhile ends at once), waits until
  // every connection closed or `deadline` passed, then stop()s (what is still open is closed
  // hard). Blocks the caller up to `deadline` plus stop(). Call it from any thread but an I/O
  // thread of this server. After stop() it does nothing.
  void drain(std::chrono::milliseconds deadline);

  // The hard stop: stops accepting, closes every connection (requests in flight are
  // abandoned, their late answers dropped; open streams close without a final chunk and their
  // on_close callbacks run) and joins the I/O threads. Idempotent. Call it from any thread but an
  // I/O thread of this server (a handler).
  void stop();

  struct impl;
  explicit http_server(std::shared_ptr<impl> state);

 private:
  std::shared_ptr<impl> impl_;
};

}  // namespace kactor::http
