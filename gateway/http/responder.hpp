#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "gateway/http/message.hpp"
#include "gateway/http/stream.hpp"
#include "gateway/http/websocket.hpp"

namespace kactor::http {

// The way a handler answers one request, now or later, from any thread: either one whole
// response (send) or a streaming one (begin_stream, then write chunks). Copies share one
// answer: the first send() or begin_stream() wins and later calls are ignored. If every copy
// is gone before anyone answered, the client gets `500 handler did not respond`, so a
// forgotten path in a handler shows up as an error instead of a hung connection.
class responder {
 public:
  // Receives the one response; called at most once, on the thread calling send().
  using sink = std::function<void(response)>;
  // Starts a streaming response with the status and headers of `head` and returns its body;
  // called at most once, on the thread calling begin_stream().
  using stream_opener = std::function<stream(response head)>;

  // Accepts a WebSocket upgrade of the request with `subprotocol` (answered in the 101
  // response); nullopt when the request is no upgrade. Called at most once.
  using websocket_opener = std::function<std::optional<websocket>(std::string subprotocol)>;

  // Without an opener, begin_stream() answers `500 streaming not supported` and
  // accept_websocket() `400 websocket upgrade expected` through `deliver`.
  explicit responder(sink deliver, stream_opener open = nullptr,
                     websocket_opener upgrade = nullptr);

  // Answers the request. Thread-safe; only the first answer of all copies has an effect.
  void send(response res) const;

  // Answers with a streaming body: `head`'s status and headers (its body is ignored) are sent
  // with Transfer-Encoding: chunked (to an HTTP/1.0 client: unframed, closing at the end; to
  // HEAD: headers only, and the stream is closed at once). Thread-safe. Returns nullopt when
  // the request was already answered (the first send() or begin_stream() wins).
  std::optional<stream> begin_stream(response head) const;

  // Switches the connection to WebSocket (101 Switching Protocols with `subprotocol`).
  // Thread-safe. nullopt, and `400 websocket upgrade expected` sent, when the request is no
  // WebSocket upgrade; nullopt when the request was already answered.
  std::optional<websocket> accept_websocket(std::string subprotocol) const;

  // True once some copy has answered.
  bool answered() const;

 private:
  struct state;
  std::shared_ptr<state> state_;
};

}  // namespace kactor::http
