#include "gateway/http/responder.hpp"

#include <atomic>

namespace kactor::http {

struct responder::state {
  sink deliver;
  stream_opener open;
  websocket_opener upgrade;
  std::atomic<bool> answered{false};

  void send(response res) {
    if (answered.exchange(true)) return;
    deliver(std::move(res));
  }

  ~state() {
    if (!answered.load()) send(response::text(500, "handler did not respond\n"));
  }
};

responder::responder(sink deliver, stream_opener open, websocket_opener upgrade)
    : state_(std::make_shared<state>()) {
  state_->deliver = std::move(deliver);
  state_->open = std::move(open);
  state_->upgrade = std::move(upgrade);
}

void responder::send(response res) const {
  state_->send(std::move(res));
}

std::optional<stream> responder::begin_stream(response head) const {
  if (!state_->open) {
    state_->send(response::text(500, "streaming not supported\n"));
    return std::nullopt;
  }
  if (state_->answered.exchange(true)) return std::nullopt;
  return state_->open(std::move(head));
}

std::optional<websocket> responder::accept_websocket(std::string subprotocol) const {
  if (state_->answered.load()) return std::nullopt;
  auto ws = state_->upgrade ? state_->upgrade(std::move(subprotocol)) : std::nullopt;
  if (!ws) {
    state_->send(response::text(400, "websocket upgrade expected\n"));
    return std::nullopt;
  }
  state_->answered.store(true);
  return ws;
}

bool responder::answered() const {
  return state_->answered.load();
}

}  // namespace kactor::http
