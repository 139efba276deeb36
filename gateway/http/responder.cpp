#include "gateway/http/responder.hpp"

#include <atomic>

namespace kactor::http {

struct responder::state {
  sink deliver;
  std::atomic<bool> answered{false};

  void send(response res) {
    if (answered.exchange(true)) return;
    deliver(std::move(res));
  }

  ~state() {
    if (!answered.load()) send(response::text(500, "handler did not respond\n"));
  }
};

responder::responder(sink deliver) : state_(std::make_shared<state>()) {
  state_->deliver = std::move(deliver);
}

void responder::send(response res) const {
  state_->send(std::move(res));
}

bool responder::answered() const {
  return state_->answered.load();
}

}  // namespace kactor::http
