#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

// A WebSocket connection as handlers see it (kubectl exec's v5.channel.k8s.io, the Python
// client's v4): binary messages both ways, no Beast types. Begun by responder::accept_websocket.
namespace kactor::http {

// The state shared by a handler and its connection. Thread-safe. The connection creates one per
// accepted upgrade; tests may create one to drive a handler without a socket.
class websocket_channel {
 public:
  using wake_fn = std::function<void()>;  // the connection has something to send or close

  explicit websocket_channel(wake_fn wake);

  // --- handler side ---
  bool send(std::string message);  // false once closed
  void close();                    // after the queued messages: a close frame (1000), then close
  bool closed() const;
  // Received messages go to `fn` (on an HTTP I/O thread; must not block); messages that came
  // before it was set are delivered at once, in order, on the calling thread.
  void on_message(std::function<void(std::string)> fn);
  // Runs `fn` once when the connection closes for any reason (at once when it did).
  void on_close(std::function<void()> fn);

  // --- connection side ---
  struct batch {
    std::vector<std::string> messages;
    bool close = false;  // send the close frame after these
  };
  batch take();
  void received(std::string message);
  // The connection is gone: later sends fail and the close callbacks run.
  void closed_by_peer();

 private:
  mutable std::mutex mutex_;
  wake_fn wake_;
  std::vector<std::string> outbox_;
  std::deque<std::string> inbox_;  // received before on_message was set
  std::function<void(std::string)> on_message_;
  std::vector<std::function<void()>> on_close_;
  bool close_requested_ = false;
  bool closed_ = false;
};

// Copies share one connection.
class websocket {
 public:
  explicit websocket(std::shared_ptr<websocket_channel> channel) : channel_(std::move(channel)) {}
  bool send(std::string message) const { return channel_->send(std::move(message)); }
  void close() const { channel_->close(); }
  bool closed() const { return channel_->closed(); }
  void on_message(std::function<void(std::string)> fn) const {
    channel_->on_message(std::move(fn));
  }
  void on_close(std::function<void()> fn) const { channel_->on_close(std::move(fn)); }

 private:
  std::shared_ptr<websocket_channel> channel_;
};

}  // namespace kactor::http
