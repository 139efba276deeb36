#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/bus/connection.hpp"
#include "kactor/bus.pb.h"
#include "kactor/state.pb.h"
#include "storage/state/error.hpp"
#include "storage/state/state_role.hpp"
#include "storage/state/state_verbs.hpp"
#include "storage/testing/temp_dir.hpp"
#include "tests/support/mailbox.hpp"
#include "tests/support/nats_server.hpp"

// Test fixture: a real nats-server (max_payload 8 MB, as docs/bus.md asks), a state role on a
// store in a temp dir, and a client: a low-latency connection for requests and a scoped actor
// for subscriptions. Header-only; link kactor_state and kactor_test_support.
namespace kactor::state::testing {

namespace v1 = kactor::bus::v1;

// A nats-server config file in its own temp dir (the server needs it before it starts).
struct nats_config {
  storage::testing::temp_dir dir;
  std::string path = (dir.path() / "nats.conf").string();
  nats_config() { std::ofstream(path) << "max_payload: 8MB\n"; }
};

struct role_fixture {
  nats_config config;
  kactor::testing::nats_server server{{"-c", config.path}};
  storage::testing::temp_dir data;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor owner{sys};  // connection events of the client
  caf::scoped_actor self{sys};   // subscriptions
  std::shared_ptr<bus::connection> client;
  std::optional<state_role> role;
  std::vector<bus::subscription> subscriptions;

  role_fixture() {
    start(options());
    bus::connection_options opts;
    opts.url = server.url();
    opts.name = "test-client";
    opts.low_latency = true;
    auto conn = bus::connection::open(opts, caf::actor_cast<caf::actor>(owner));
    REQUIRE_MESSAGE(conn, bus::describe(conn.error()));
    client = *conn;
  }

  ~role_fixture() {
    subscriptions.clear();
    role.reset();
    if (client) client->close();
  }

  state_role_options options() const {
    state_role_options o;
    o.data_dir = data.path();
    o.nats_url = server.url();
    o.version = "test";
    o.bookmark_interval = std::chrono::milliseconds(100);
    o.store.initial_map_bytes = 1 << 20;
    return o;
  }

  void start(const state_role_options& o) {
    role.reset();
    auto started = start_state_role(sys, o);
    REQUIRE_MESSAGE(started, describe(started.error()));
    role.emplace(std::move(*started));
  }

  // Sends `request` on kactor.v1.state.<verb> and parses the reply.
  template <class Reply, class Request>
  Reply ask(std::string_view verb, const Request& request) {
    auto bytes = client->request_blocking(verbs::subject(verb), request.SerializeAsString(),
                                          std::chrono::seconds(10));
    REQUIRE_MESSAGE(bytes, bus::describe(bytes.error()));
    Reply reply;
    REQUIRE(reply.ParseFromString(*bytes));
    return reply;
  }

  // Subscribes `self` to `subject` and waits until the server has registered it.
  void subscribe(const std::string& subject) {
    auto sub = client->subscribe(subject, caf::actor_cast<caf::actor>(self));
    REQUIRE_MESSAGE(sub, bus::describe(sub.error()));
    subscriptions.push_back(std::move(*sub));
    REQUIRE_FALSE(client->flush());
  }

  // The next message received by a subscription of `self` as (subject, event); nullopt
  // after `timeout` without one. Other messages are skipped.
  std::optional<std::pair<std::string, v1::WatchEvent>> next_event(
      std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      auto msg = kactor::testing::next_message(self, left);
      if (msg.empty()) return std::nullopt;
      if (!msg.match_elements<bus::msg_atom, std::string, std::string, std::string>()) continue;
      v1::WatchEvent event;
      REQUIRE(event.ParseFromString(msg.get_as<std::string>(3)));
      return std::make_pair(msg.get_as<std::string>(1), event);
    }
  }

  // The next event that is not a BOOKMARK.
  std::optional<std::pair<std::string, v1::WatchEvent>> next_change(
      std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    while (true) {
      auto ev = next_event(timeout);
      if (!ev || ev->second.type() != v1::WatchEvent::BOOKMARK) return ev;
    }
  }
};

inline v1::ObjectRef wire_ref(std::string group, std::string resource, std::string ns,
                              std::string name) {
  v1::ObjectRef r;
  r.set_group(std::move(group));
  r.set_resource(std::move(resource));
  r.set_namespace_(std::move(ns));
  r.set_name(std::move(name));
  return r;
}

}  // namespace kactor::state::testing
