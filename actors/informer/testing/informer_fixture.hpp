#pragma once

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actors/bus/connection.hpp"
#include "actors/bus/subjects.hpp"
#include "actors/informer/informer.hpp"
#include "k8s/core/v1/config.pb.h"
#include "kactor/bus.pb.h"
#include "storage/state/state_role.hpp"
#include "storage/testing/temp_dir.hpp"
#include "tests/support/mailbox.hpp"
#include "tests/support/nats_server.hpp"

// Test fixture for informers against the real things: a nats-server, the state role on a store
// in a temp dir, a SECOND client connection that writes ConfigMaps through the state actor,
// and an informer on its own connections whose listener is a scoped actor. Optionally the
// informer talks to an "edge" nats-server only: a relay feeds it the main server's events and
// can drop chosen ones (a real, deterministic gap), and another relay forwards the informer's
// state requests and can hold their replies (a catch-up made to wait). Header-only; link
// kactor_informer, kactor_state and kactor_test_support.
namespace kactor::informer::testing {

namespace v1 = kactor::bus::v1;
using namespace std::chrono_literals;

using set_target_atom = caf::atom_constant<caf::atom("t_target")>;

// Owner of the informer's connections: forwards connection events to the informer once it
// exists (what a process's connection owner does for its informers).
// Until the informer exists, events go to `observer` (the test awaits the connections' first
// up there, so that the informer only sees later ones).
struct forwarder_state {
  // Not an aggregate: CAF would otherwise build it from the actor pointer (C++20 parenthesized
  // aggregate initialization), making the forwarder its own target.
  forwarder_state() = default;
  caf::actor target;
};

inline caf::behavior event_forwarder(caf::stateful_actor<forwarder_state>* self,
                                     caf::actor observer) {
  auto forward = [self, observer](auto&&... xs) {
    self->send(self->state.target ? self->state.target : observer,
               std::forward<decltype(xs)>(xs)...);
  };
  return {
      [self](set_target_atom, caf::actor target) { self->state.target = std::move(target); },
      [forward](bus::up_atom a, const std::string& s) { forward(a, s); },
      [forward](bus::down_atom a, const std::string& s) { forward(a, s); },
      [forward](bus::slow_atom a, const std::string& s) { forward(a, s); },
      [](bus::closed_atom) {},
      [](bus::error_atom, const std::string&) {},
  };
}

// What the relay to the edge server lets through.
struct relay_control {
  std::atomic<int> drop_next{0};   // drop this many changes (bookmarks pass)
  std::atomic<bool> block{false};  // drop everything, bookmarks included
  std::atomic<int> dropped{0};
  std::atomic<bool> hold_replies{false};  // rpc_relay: keep state replies until released
};

// Republishes every message of the main server's stream on the edge server, except what
// `control` says to drop.
inline caf::behavior edge_relay(caf::event_based_actor*, std::shared_ptr<bus::connection> edge,
                                std::shared_ptr<relay_control> control) {
  return {
      [edge, control](bus::msg_atom, const std::string& subject, const std::string&,
                      const std::string& data) {
        v1::WatchEvent e;
        bool bookmark = e.ParseFromString(data) && e.type() == v1::WatchEvent::BOOKMARK;
        if (control->block) {
          ++control->dropped;
          return;
        }
        if (!bookmark && control->drop_next > 0) {
          --control->drop_next;
          ++control->dropped;
          return;
        }
        edge->publish(subject, data);
      },
  };
}

using release_atom = caf::atom_constant<caf::atom("t_release")>;
using held_atom = caf::atom_constant<caf::atom("t_held")>;

struct rpc_relay_state {
  rpc_relay_state() = default;
  std::map<std::uint64_t, std::string> waiting;           // forwarded request id -> reply subject
  std::vector<std::pair<std::string, std::string>> held;  // (reply subject, reply)
};

// Serves the state subjects on the edge server by forwarding each request to the main server.
// While control->hold_replies is set, replies are kept (and `observer` is told: held_atom)
// until (release_atom), which sends them and stops holding: a catch-up read made to wait.
inline caf::behavior rpc_relay(caf::stateful_actor<rpc_relay_state>* self,
                               std::shared_ptr<bus::connection> edge,
                               std::shared_ptr<bus::connection> main,
                               std::shared_ptr<relay_control> control, caf::actor observer) {
  return {
      [=](bus::msg_atom, const std::string& subject, const std::string& reply,
          const std::string& data) {
        auto id = main->request(subject, data, std::chrono::seconds(10),
                                caf::actor_cast<caf::actor>(self));
        if (id) self->state.waiting.emplace(*id, reply);
      },
      [=](bus::reply_atom, std::uint64_t id, const std::string& data) {
        auto it = self->state.waiting.find(id);
        if (it == self->state.waiting.end()) return;
        auto to = it->second;
        self->state.waiting.erase(it);
        if (control->hold_replies) {
          self->state.held.emplace_back(to, data);
          self->send(observer, held_atom::value);
          return;
        }
        edge->respond(to, data);
      },
      [=](bus::reply_atom, std::uint64_t id, const caf::error&) { self->state.waiting.erase(id); },
      [=](release_atom) {
        control->hold_replies = false;
        for (auto& [to, data] : self->state.held)
          edge->respond(to, data);
        self->state.held.clear();
      },
  };
}

// A nats-server config file with max_payload 8 MB (docs/bus.md), in its own temp dir.
struct nats_config {
  storage::testing::temp_dir dir;
  std::string path = (dir.path() / "nats.conf").string();
  nats_config() { std::ofstream(path) << "max_payload: 8MB\n"; }
};

inline std::string config_map(const std::string& ns, const std::string& name,
                              const std::string& value) {
  k8s::core::v1::ConfigMap cm;
  cm.mutable_metadata()->set_name(name);
  cm.mutable_metadata()->set_namespace_(ns);
  (*cm.mutable_data())["v"] = value;
  return cm.SerializeAsString();
}

// One change as a listener saw it, or as a write made it.
struct seen_change {
  change_type type;
  std::string key;
  std::uint64_t revision;
  friend bool operator==(const seen_change&, const seen_change&) = default;
};

inline std::string render(const std::vector<seen_change>& changes) {
  std::string out;
  for (const auto& c : changes)
    out += std::string{to_string(c.type)} + " " + c.key + "@" + std::to_string(c.revision) + "\n";
  return out;
}

struct fixture_options {
  bool edge = false;  // events through an edge server and a relay
  std::chrono::milliseconds bookmark_interval = 100ms;
  std::chrono::milliseconds bookmark_all_interval = 30s;
};

struct informer_fixture {
  nats_config config;
  kactor::testing::nats_server server{{"-c", config.path}};
  std::optional<kactor::testing::nats_server> edge_server;
  storage::testing::temp_dir data;
  fixture_options fopts;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor writer_owner{sys};
  caf::scoped_actor listener{sys};
  caf::scoped_actor self{sys};
  caf::scoped_actor connection_events{sys};  // the informer connections' events before spawn
  std::optional<state::state_role> role;
  std::shared_ptr<bus::connection> writer;  // the second client: writes through the state actor
  std::shared_ptr<bus::connection> relay_source;
  std::shared_ptr<bus::connection> edge_sink;
  std::shared_ptr<relay_control> relay = std::make_shared<relay_control>();
  std::optional<bus::subscription> relay_subscription;
  std::optional<bus::subscription> rpc_relay_subscription;
  caf::actor rpc_relay_actor;
  caf::actor forwarder;
  std::shared_ptr<bus::connection> events;
  std::shared_ptr<bus::connection> rpc;
  std::shared_ptr<cache> shared_cache = std::make_shared<cache>();
  caf::actor informer;
  std::vector<caf::actor> spawned;
  std::vector<seen_change> seen;            // what the listener received, in order
  std::vector<notification> notifications;  // the same, complete

  explicit informer_fixture(fixture_options o = {}) : fopts(o) {
    start_role();
    writer = open(server.url(), writer_owner, true);
    if (fopts.edge) {
      edge_server.emplace(std::vector<std::string>{"-c", config.path});
      relay_source = open(server.url(), self, false);
      edge_sink = open(edge_server->url(), self, false);
      auto relay_actor = sys.spawn(edge_relay, edge_sink, relay);
      spawned.push_back(relay_actor);
      auto sub =
          relay_source->subscribe(bus::subjects::event_stream("", "configmaps"), relay_actor);
      REQUIRE_MESSAGE(sub, bus::describe(sub.error()));
      relay_subscription.emplace(std::move(*sub));
      REQUIRE_FALSE(relay_source->flush());
      rpc_relay_actor =
          sys.spawn(rpc_relay, edge_sink, relay_source, relay, caf::actor_cast<caf::actor>(self));
      spawned.push_back(rpc_relay_actor);
      auto rpc_sub = edge_sink->subscribe(bus::subjects::state_all(), rpc_relay_actor);
      REQUIRE_MESSAGE(rpc_sub, bus::describe(rpc_sub.error()));
      rpc_relay_subscription.emplace(std::move(*rpc_sub));
      REQUIRE_FALSE(edge_sink->flush());
    }
    forwarder = sys.spawn(event_forwarder, caf::actor_cast<caf::actor>(connection_events));
    spawned.push_back(forwarder);
  }

  ~informer_fixture() {
    for (auto& a : spawned)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    if (informer) caf::anon_send_exit(informer, caf::exit_reason::user_shutdown);
    relay_subscription.reset();
    rpc_relay_subscription.reset();
    role.reset();
    for (auto* c : {&events, &rpc, &writer, &relay_source, &edge_sink})
      if (*c) (*c)->close();
    // The actor system's destructor waits for the actors to finish.
  }

  state::state_role_options role_options() const {
    state::state_role_options o;
    o.data_dir = data.path();
    o.nats_url = server.url();
    o.bookmark_interval = fopts.bookmark_interval;
    o.bookmark_all_interval = fopts.bookmark_all_interval;
    o.store.initial_map_bytes = 1 << 20;
    return o;
  }

  void start_role() {
    auto started = state::start_state_role(sys, role_options());
    REQUIRE_MESSAGE(started, bus::describe(started.error()));
    role.emplace(std::move(*started));
  }

  void stop_role() {
    if (role) role->stop();
    role.reset();
  }

  std::shared_ptr<bus::connection> open(const std::string& url, caf::scoped_actor& owner,
                                        bool low_latency) {
    bus::connection_options opts;
    opts.url = url;
    opts.name = "informer-test";
    opts.low_latency = low_latency;
    return open(opts, caf::actor_cast<caf::actor>(owner));
  }

  std::shared_ptr<bus::connection> open(bus::connection_options opts, caf::actor owner) {
    auto conn = bus::connection::open(std::move(opts), std::move(owner));
    REQUIRE_MESSAGE(conn, bus::describe(conn.error()));
    return *conn;
  }

  // The informer's connections: events from the edge server when there is one. `events_opts`
  // may slow its reconnects down.
  void open_informer_connections(std::optional<bus::connection_options> events_opts = {}) {
    bus::connection_options e;
    e.url = edge_server ? edge_server->url() : server.url();
    e.name = "informer-events";
    if (events_opts) {
      e = *events_opts;
      e.url = edge_server ? edge_server->url() : server.url();
    }
    events = open(e, forwarder);
    bus::connection_options r;
    r.url = edge_server ? edge_server->url() : server.url();
    r.name = "informer-rpc";
    r.low_latency = true;
    rpc = open(r, forwarder);
    for (int i = 0; i < 2; ++i)
      REQUIRE_FALSE(kactor::testing::await_atom(connection_events, bus::up_atom::value).empty());
  }

  informer_options default_options() const {
    informer_options o;
    o.group = "";
    o.resource = "configmaps";
    o.page_size = 7;
    o.retry_min = 20ms;
    o.retry_max = 500ms;
    o.listeners = {caf::actor_cast<caf::actor>(listener)};
    return o;
  }

  caf::actor spawn(informer_options o) {
    if (!events) open_informer_connections();
    auto spawned_informer = spawn_informer(sys, std::move(o), {events, rpc, shared_cache, {}});
    REQUIRE_MESSAGE(spawned_informer, bus::describe(spawned_informer.error()));
    informer = *spawned_informer;
    caf::anon_send(forwarder, set_target_atom::value, informer);
    return informer;
  }

  // Waits (bounded) for the informer's first list; returns its revision.
  std::uint64_t wait_synced(caf::actor target = {}) {
    std::uint64_t rev = 0;
    self->request(target ? target : informer, 30s, wait_synced_atom::value)
        .receive([&](synced_atom, std::uint64_t r) { rev = r; },
                 [&](caf::error& err) { FAIL("wait_synced: " << caf::to_string(err)); });
    return rev;
  }

  informer_stats stats(caf::actor target = {}) {
    informer_stats out;
    self->request(target ? target : informer, 30s, stats_atom::value)
        .receive([&](informer_stats& s) { out = s; },
                 [&](caf::error& err) { FAIL("stats: " << caf::to_string(err)); });
    return out;
  }

  // Moves what reached the listener into `seen`, waiting (bounded) until it holds `count`.
  bool await_seen(std::size_t count, std::chrono::milliseconds timeout = 30s) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (seen.size() < count) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      auto msg = kactor::testing::next_message(listener, left);
      if (msg.empty()) return false;
      take(msg);
    }
    return true;
  }

  // Everything the informer sent before it answered a stats request is in the listener's
  // mailbox (one sender's messages arrive in order): collect it without waiting.
  void settle() {
    stats();
    while (true) {
      auto msg = kactor::testing::next_message(listener, 0ms);
      if (msg.empty()) return;
      take(msg);
    }
  }

  void take(const caf::message& msg) {
    if (!msg.match_elements<event_atom, notification>()) return;
    const auto& n = msg.get_as<notification>(1);
    seen.push_back({n.type, n.key(), n.revision});
    notifications.push_back(n);
  }

  // --- writes through the second client ---

  template <class Reply, class Request>
  Reply ask(bus::subjects::state_verb verb, const Request& req) {
    auto bytes = writer->request_blocking(bus::subjects::state(verb), req.SerializeAsString(), 15s);
    REQUIRE_MESSAGE(bytes, bus::describe(bytes.error()));
    Reply reply;
    REQUIRE(reply.ParseFromString(*bytes));
    return reply;
  }

  static v1::ObjectRef ref(const std::string& ns, const std::string& name) {
    v1::ObjectRef r;
    r.set_resource("configmaps");
    r.set_namespace_(ns);
    r.set_name(name);
    return r;
  }

  std::uint64_t create(const std::string& ns, const std::string& name, const std::string& v) {
    v1::CreateRequest req;
    *req.mutable_ref() = ref(ns, name);
    req.set_object(config_map(ns, name, v));
    auto reply = ask<v1::WriteReply>(bus::subjects::state_verb::create, req);
    REQUIRE_MESSAGE(reply.error().code() == 0, reply.error().message());
    return reply.revision();
  }

  std::uint64_t update(const std::string& ns, const std::string& name, const std::string& v) {
    v1::UpdateRequest req;
    *req.mutable_ref() = ref(ns, name);
    req.set_object(config_map(ns, name, v));
    auto reply = ask<v1::WriteReply>(bus::subjects::state_verb::update, req);
    REQUIRE_MESSAGE(reply.error().code() == 0, reply.error().message());
    return reply.revision();
  }

  std::uint64_t remove(const std::string& ns, const std::string& name) {
    v1::DeleteRequest req;
    *req.mutable_ref() = ref(ns, name);
    auto reply = ask<v1::WriteReply>(bus::subjects::state_verb::remove, req);
    REQUIRE_MESSAGE(reply.error().code() == 0, reply.error().message());
    return reply.revision();
  }

  std::uint64_t compact(std::uint64_t rev) {
    v1::CompactRequest req;
    req.set_revision(rev);
    auto reply = ask<v1::CompactReply>(bus::subjects::state_verb::compact, req);
    REQUIRE_MESSAGE(reply.error().code() == 0, reply.error().message());
    return reply.compacted_revision();
  }

  std::uint64_t store_revision() {
    auto reply = ask<v1::StatusReply>(bus::subjects::state_verb::status, v1::StatusRequest{});
    return reply.revision();
  }

  // key -> mod revision of every ConfigMap in the store (namespace "" = all).
  std::map<std::string, std::uint64_t> store_content(const std::string& ns = "") {
    std::map<std::string, std::uint64_t> out;
    std::string token;
    do {
      v1::ListRequest req;
      req.set_resource("configmaps");
      req.set_namespace_(ns);
      req.set_limit(50);
      req.set_continue_token(token);
      auto reply = ask<v1::ListReply>(bus::subjects::state_verb::list, req);
      REQUIRE(reply.error().code() == 0);
      for (const auto& item : reply.items()) {
        k8s::core::v1::ConfigMap cm;
        REQUIRE(cm.ParseFromString(item.object()));
        out[object_key(cm.metadata().namespace_(), cm.metadata().name())] = item.mod_revision();
      }
      token = reply.continue_token();
    } while (!token.empty());
    return out;
  }

  std::map<std::string, std::uint64_t> cache_content() const {
    std::map<std::string, std::uint64_t> out;
    shared_cache->current()->for_each([&](const object_ptr& o) { out[o->key()] = o->revision; });
    return out;
  }
};

}  // namespace kactor::informer::testing
