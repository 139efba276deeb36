#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <caf/actor.hpp>
#include <caf/expected.hpp>

#include "actors/bus/connection.hpp"

// A blocking client of the state actor for tools (`kactor store`): one request at a time,
// each with a deadline. Not for actors (it blocks the calling thread).
namespace kactor::store_cli {

class state_client {
 public:
  // `conn` must be connected (or connecting); `timeout` bounds every request.
  state_client(std::shared_ptr<bus::connection> conn, std::chrono::milliseconds timeout);

  // Sends `request` on kactor.v1.state.<verb> and parses the reply. Transport failures are
  // bus errors (errc::timeout, no_responders: the state actor is not running ...); the state
  // actor's own verdict is in the reply's `error` field.
  template <class Reply, class Request>
  caf::expected<Reply> call(std::string_view verb, const Request& request) {
    auto bytes = send(verb, request.SerializeAsString());
    if (!bytes) return bytes.error();
    Reply reply;
    if (!reply.ParseFromString(*bytes))
      return bus::make_error(bus::errc::io, "malformed reply to " + std::string(verb));
    return reply;
  }

  bus::connection& connection() { return *conn_; }
  std::chrono::milliseconds timeout() const { return timeout_; }

 private:
  caf::expected<std::string> send(std::string_view verb, const std::string& request);

  std::shared_ptr<bus::connection> conn_;
  std::chrono::milliseconds timeout_;
};

}  // namespace kactor::store_cli
