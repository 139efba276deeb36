#pragma once

#include <functional>
#include <memory>

#include "gateway/http/message.hpp"

namespace kactor::http {

// The way a handler answers one request, now or later, from any thread. Copies share one
// answer: the first send() wins and later calls are ignored. If every copy is gone before
// anyone called send(), the client gets `500 handler did not respond`, so a forgotten path in
// a handler shows up as an error instead of a hung connection.
//
// Streaming responses (watch) will add a second way to answer here (begin a chunked body,
// then write chunks); handlers written against send() keep working.
class responder {
 public:
  // Receives the one response; called at most once, on the thread calling send().
  using sink = std::function<void(response)>;

  explicit responder(sink deliver);

  // Answers the request. Thread-safe; only the first call of all copies has an effect.
  void send(response res) const;

  // True once some copy has sent.
  bool answered() const;

 private:
  struct state;
  std::shared_ptr<state> state_;
};

}  // namespace kactor::http
