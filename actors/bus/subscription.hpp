#pragma once

#include <cstdint>
#include <memory>
#include <string>

// A live subscription: an RAII handle returned by connection::subscribe.
namespace kactor::bus {

// Delivers every message matching its subject to its target actor as
// (msg_atom, subject, reply, data) until it is destroyed or unsubscribed. Move-only.
// Thread-safe to use from one thread at a time (typically the owning actor).
class subscription {
 public:
  // An empty subscription (active() == false).
  subscription() noexcept;
  subscription(subscription&&) noexcept;
  // Unsubscribes the current subscription (if any) first.
  subscription& operator=(subscription&&) noexcept;
  subscription(const subscription&) = delete;
  subscription& operator=(const subscription&) = delete;
  ~subscription();

  // Removes the interest and returns once the library's last delivery for it has finished:
  // afterwards nothing more is sent to the target (messages sent before may still sit in its
  // mailbox). Idempotent; also works after the connection closed. Blocks briefly: one
  // delivery callback (which never blocks) and one flush round trip to the server (see
  // connection_core::retire); must not be called from a NATS library thread.
  void unsubscribe() noexcept;

  // True from subscribe until unsubscribe/destruction; still true after the connection
  // closed (nothing is delivered then).
  bool active() const noexcept;

  // The subject (possibly with wildcards) and queue group given to subscribe; "" when empty.
  const std::string& subject() const noexcept;
  const std::string& queue_group() const noexcept;

  // Messages the library dropped for this subscription because its pending limits were
  // exceeded (slow consumer), since it was created. 0 for an empty subscription.
  int64_t dropped() const noexcept;

  struct impl;

  // Used by connection::subscribe only.
  explicit subscription(std::unique_ptr<impl> x) noexcept;

 private:
  std::unique_ptr<impl> impl_;
};

}  // namespace kactor::bus
