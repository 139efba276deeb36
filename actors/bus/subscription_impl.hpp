#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <nats/nats.h>
#include <caf/actor.hpp>
#include <caf/expected.hpp>

#include "actors/bus/connection.hpp"
#include "actors/bus/subscription.hpp"

// Internal to actors/bus: what a subscription handle owns.
namespace kactor::bus {

class connection_core;

struct subscription::impl {
  std::shared_ptr<connection_core> core;  // keeps the natsConnection alive
  natsSubscription* sub = nullptr;
  caf::actor target;
  std::string subject;
  std::string queue_group;
  std::mutex mtx;
  std::condition_variable cv;
  bool complete = false;  // the library ran its last delivery (completion callback)

  // Unsubscribes, waits for completion, destroys the natsSubscription. Idempotent.
  void stop() noexcept;
};

// Creates the natsSubscription for connection::subscribe.
caf::expected<subscription> make_subscription(std::shared_ptr<connection_core> core,
                                              std::string_view subject, caf::actor target,
                                              subscribe_options opts);

}  // namespace kactor::bus
