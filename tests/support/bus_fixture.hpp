#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>

#include "actors/bus/connection.hpp"
#include "tests/support/mailbox.hpp"
#include "tests/support/nats_server.hpp"

// Test fixture for code that uses the bus: a real nats-server, an actor system, an owner actor
// for connection events and a second scoped actor for deliveries and replies. Header-only;
// link kactor_bus and kactor_test_support.
namespace kactor::testing {

struct bus_fixture {
  nats_server server;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor owner{sys};  // receives connection events
  caf::scoped_actor self{sys};   // subscribes, requests
  std::vector<caf::actor> spawned;

  // Spawned actors hold connections: stop them before the actor system waits for them.
  ~bus_fixture() {
    for (auto& actor : spawned)
      caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
  }

  static caf::actor handle(caf::scoped_actor& x) { return caf::actor_cast<caf::actor>(x); }

  bus::connection_options options(bool low_latency = false) const {
    bus::connection_options opts;
    opts.url = server.url();
    opts.name = "test";
    opts.low_latency = low_latency;
    return opts;
  }

  // Opens a connection owned by `owner` and waits for its up event.
  std::shared_ptr<bus::connection> open(bus::connection_options opts) {
    auto conn = bus::connection::open(std::move(opts), handle(owner));
    REQUIRE_MESSAGE(conn, bus::describe(conn.error()));
    REQUIRE(starts_with(await_atom(owner, bus::up_atom::value), bus::up_atom::value));
    return *conn;
  }
  std::shared_ptr<bus::connection> open(bool low_latency = false) {
    return open(options(low_latency));
  }

  // Spawns an event-based actor that answers every request on its subscription with
  // "pong:" + data, and subscribes it to `subject` (optionally in a queue group).
  bus::subscription echo(const std::shared_ptr<bus::connection>& conn, const std::string& subject,
                         const std::string& queue_group = {}) {
    auto responder = sys.spawn([conn](caf::event_based_actor*) -> caf::behavior {
      return {
          [conn](bus::msg_atom, const std::string&, const std::string& reply,
                 const std::string& data) {
            if (!reply.empty()) conn->respond(reply, "pong:" + data);
          },
      };
    });
    spawned.push_back(responder);
    bus::subscribe_options opts;
    opts.queue_group = queue_group;
    auto sub = conn->subscribe(subject, responder, opts);
    REQUIRE_MESSAGE(sub, bus::describe(sub.error()));
    return std::move(*sub);
  }
};

}  // namespace kactor::testing
