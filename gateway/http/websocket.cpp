#include "gateway/http/websocket.hpp"

namespace kactor::http {

websocket_channel::websocket_channel(wake_fn wake) : wake_(std::move(wake)) {}

bool websocket_channel::send(std::string message) {
  {
    std::lock_guard lock(mutex_);
    if (closed_ || close_requested_) return false;
    outbox_.push_back(std::move(message));
  }
  wake_();
  return true;
}

void websocket_channel::close() {
  {
    std::lock_guard lock(mutex_);
    if (closed_ || close_requested_) return;
    close_requested_ = true;
  }
  wake_();
}

bool websocket_channel::closed() const {
  std::lock_guard lock(mutex_);
  return closed_ || close_requested_;
}

void websocket_channel::on_message(std::function<void(std::string)> fn) {
  std::deque<std::string> early;
  {
    std::lock_guard lock(mutex_);
    on_message_ = fn;
    early.swap(inbox_);
  }
  for (auto& m : early)
    fn(std::move(m));
}

void websocket_channel::on_close(std::function<void()> fn) {
  {
    std::lock_guard lock(mutex_);
    if (!closed_) {
      on_close_.push_back(std::move(fn));
      return;
    }
  }
  fn();
}

websocket_channel::batch websocket_channel::take() {
  std::lock_guard lock(mutex_);
  batch b;
  b.messages.swap(outbox_);
  b.close = close_requested_;
  return b;
}

void websocket_channel::received(std::string message) {
  std::function<void(std::string)> fn;
  {
    std::lock_guard lock(mutex_);
    if (!on_message_) {
      inbox_.push_back(std::move(message));
      return;
    }
    fn = on_message_;
  }
  fn(std::move(message));
}

void websocket_channel::closed_by_peer() {
  std::vector<std::function<void()>> callbacks;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    closed_ = true;
    callbacks.swap(on_close_);
    on_message_ = nullptr;
  }
  for (auto& fn : callbacks)
    fn();
}

}  // namespace kactor::http
