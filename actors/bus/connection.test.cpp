#include "actors/bus/connection.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <set>
#include <string>

#include "tests/support/bus_fixture.hpp"

namespace bus = kactor::bus;
using kactor::testing::await_atom;
using kactor::testing::bus_fixture;
using kactor::testing::next_message;
using kactor::testing::starts_with;
using namespace std::chrono_literals;

namespace {

// Receives the outcome of request `id` from `self`'s mailbox.
caf::message await_reply(caf::scoped_actor& self, uint64_t id) {
  auto msg = await_atom(self, bus::reply_atom::value);
  REQUIRE_FALSE(msg.empty());
  REQUIRE(msg.get_as<uint64_t>(1) == id);
  return msg;
}

std::string reply_data(const caf::message& msg) {
  REQUIRE((msg.match_elements<caf::atom_value, uint64_t, std::string>()));
  return msg.get_as<std::string>(2);
}

caf::error reply_error(const caf::message& msg) {
  REQUIRE((msg.match_elements<caf::atom_value, uint64_t, caf::error>()));
  return msg.get_as<caf::error>(2);
}

}  // namespace

TEST_CASE_FIXTURE(bus_fixture, "open connects and reports up with the server URL") {
  auto conn = bus::connection::open(options(), handle(owner));
  REQUIRE(conn);
  auto up = await_atom(owner, bus::up_atom::value);
  REQUIRE((up.match_elements<caf::atom_value, std::string>()));
  CHECK(up.get_as<std::string>(1) == server.url());
  CHECK((*conn)->connected());
  CHECK_FALSE((*conn)->closed());
  CHECK((*conn)->connected_url() == server.url());
  CHECK((*conn)->options().name == "test");
}

TEST_CASE_FIXTURE(bus_fixture, "open without a server fails clearly unless it may retry") {
  auto opts = options();
  server.kill();
  opts.retry_initial_connect = false;
  auto conn = bus::connection::open(opts, handle(owner));
  REQUIRE_FALSE(conn);
  CHECK(conn.error() == bus::errc::unavailable);
  auto text = bus::describe(conn.error());
  CHECK(text.find("nats: connect to " + server.url()) == 0);
  CHECK(text.find("No server available") != std::string::npos);
}

TEST_CASE("validate names the first bad option") {
  bus::connection_options opts;
  CHECK_FALSE(bus::validate(opts));
  opts.url = " , ";
  CHECK(bus::describe(bus::validate(opts)) == "nats: option url: no server URL given");
  opts = {};
  opts.reconnect_wait_max = 10ms;
  CHECK(bus::describe(bus::validate(opts)) ==
        "nats: option reconnect_wait_max: must be at least reconnect_wait");
  opts = {};
  opts.pending_msgs_limit = 0;
  CHECK(bus::validate(opts) == bus::errc::invalid_argument);
  opts = {};
  opts.max_reconnects = -2;
  CHECK(bus::validate(opts) == bus::errc::invalid_argument);
}

TEST_CASE_FIXTURE(bus_fixture, "open rejects bad options") {
  auto opts = options();
  opts.url = " , ";
  auto conn = bus::connection::open(opts, handle(owner));
  REQUIRE_FALSE(conn);
  CHECK(conn.error() == bus::errc::invalid_argument);
  opts = options();
  opts.reconnect_wait = 0ms;
  CHECK(bus::connection::open(opts, handle(owner)).error() == bus::errc::invalid_argument);
  CHECK(bus::connection::open(options(), caf::actor{}).error() == bus::errc::invalid_argument);
  auto conn2 = open();
  bus::subscribe_options bad;
  bad.pending_msgs_limit = -5;
  CHECK(conn2->subscribe("a.b", handle(self), bad).error() == bus::errc::invalid_argument);
}

TEST_CASE_FIXTURE(bus_fixture, "a process may start before the server and connects later") {
  auto opts = options();
  server.kill();
  auto conn = bus::connection::open(opts, handle(owner));
  REQUIRE_MESSAGE(conn, bus::describe(conn.error()));
  auto down = await_atom(owner, bus::down_atom::value);
  REQUIRE_FALSE(down.empty());
  CHECK(down.get_as<std::string>(1).find("not reachable yet") != std::string::npos);
  CHECK_FALSE((*conn)->connected());
  auto sub = (*conn)->subscribe("early.subject", handle(self));
  REQUIRE(sub);
  server.start();
  CHECK(starts_with(await_atom(owner, bus::up_atom::value), bus::up_atom::value));
  CHECK((*conn)->connected());
  REQUIRE_FALSE((*conn)->publish("early.subject", "hello"));
  auto msg = await_atom(self, bus::msg_atom::value);
  REQUIRE_FALSE(msg.empty());
  CHECK(msg.get_as<std::string>(3) == "hello");
}

TEST_CASE_FIXTURE(bus_fixture, "reconnect: kill -9, restart on the same port, deliveries resume") {
  auto conn = open();
  auto sub = conn->subscribe("after.restart", handle(self));
  REQUIRE(sub);
  server.kill();
  auto down = await_atom(owner, bus::down_atom::value);
  REQUIRE_FALSE(down.empty());
  CHECK(down.get_as<std::string>(1).find("nats: disconnected") == 0);
  CHECK_FALSE(conn->connected());
  server.start();
  auto up = await_atom(owner, bus::up_atom::value);
  REQUIRE_FALSE(up.empty());
  CHECK(up.get_as<std::string>(1) == server.url());
  REQUIRE_FALSE(conn->publish("after.restart", "again"));
  auto msg = await_atom(self, bus::msg_atom::value);
  REQUIRE_FALSE(msg.empty());
  CHECK(msg.get_as<std::string>(3) == "again");
}

TEST_CASE_FIXTURE(bus_fixture, "request/reply round trip through an event-based responder") {
  auto conn = open();
  auto sub = echo(conn, "svc.echo");
  auto id = conn->request("svc.echo", "ping", 10s, handle(self));
  REQUIRE_MESSAGE(id, bus::describe(id.error()));
  CHECK(reply_data(await_reply(self, *id)) == "pong:ping");
}

TEST_CASE_FIXTURE(bus_fixture, "many concurrent requests each get their own reply") {
  auto conn = open();
  auto sub = echo(conn, "svc.echo");
  std::map<uint64_t, std::string> sent;
  for (int i = 0; i < 200; ++i) {
    auto id = conn->request("svc.echo", std::to_string(i), 30s, handle(self));
    REQUIRE(id);
    sent.emplace(*id, std::to_string(i));
  }
  for (size_t i = 0; i < sent.size(); ++i) {
    auto msg = await_atom(self, bus::reply_atom::value);
    REQUIRE_FALSE(msg.empty());
    auto id = msg.get_as<uint64_t>(1);
    REQUIRE(sent.count(id) == 1);
    CHECK(reply_data(msg) == "pong:" + sent[id]);
  }
}

TEST_CASE_FIXTURE(bus_fixture, "the low-latency connection serves requests") {
  auto server_side = open();
  auto sub = echo(server_side, "svc.fast");
  REQUIRE_FALSE(server_side->flush());
  auto conn = open(true);
  CHECK(conn->options().low_latency);
  auto id = conn->request("svc.fast", "x", 10s, handle(self));
  REQUIRE(id);
  CHECK(reply_data(await_reply(self, *id)) == "pong:x");
}

TEST_CASE_FIXTURE(bus_fixture, "a request nobody answers expires with a timeout error") {
  auto conn = open();
  caf::scoped_actor silent{sys};
  auto sub = conn->subscribe("svc.silent", handle(silent));
  REQUIRE(sub);
  auto id = conn->request("svc.silent", "x", 50ms, handle(self));
  REQUIRE(id);
  auto err = reply_error(await_reply(self, *id));
  CHECK(err == bus::errc::timeout);
  CHECK(bus::describe(err) == "nats: request svc.silent: no reply within 50 ms");
}

TEST_CASE_FIXTURE(bus_fixture,
                  "a request to a subject without subscribers fails with no responders") {
  auto conn = open();
  auto id = conn->request("svc.nobody", "x", 30s, handle(self));
  REQUIRE(id);
  auto err = reply_error(await_reply(self, *id));
  CHECK(err == bus::errc::no_responders);
  CHECK(bus::describe(err) == "nats: request svc.nobody: no responders");
}

TEST_CASE_FIXTURE(bus_fixture, "a cancelled request sends nothing") {
  auto conn = open();
  caf::scoped_actor silent{sys};
  auto sub = conn->subscribe("svc.silent", handle(silent));
  REQUIRE(sub);
  auto first = conn->request("svc.silent", "x", 20ms, handle(self));
  REQUIRE(first);
  CHECK(conn->cancel(*first));
  CHECK_FALSE(conn->cancel(*first));
  // Expiry is in deadline order: had the first not been cancelled, its timeout came first.
  auto second = conn->request("svc.silent", "x", 40ms, handle(self));
  REQUIRE(second);
  auto msg = await_atom(self, bus::reply_atom::value);
  REQUIRE_FALSE(msg.empty());
  CHECK(msg.get_as<uint64_t>(1) == *second);
}

TEST_CASE_FIXTURE(bus_fixture, "pending requests fail as unavailable when the connection drops") {
  auto conn = open();
  caf::scoped_actor silent{sys};
  auto sub = conn->subscribe("svc.silent", handle(silent));
  REQUIRE(sub);
  auto id = conn->request("svc.silent", "x", 60s, handle(self));
  REQUIRE(id);
  REQUIRE_FALSE(conn->flush());
  server.kill();
  CHECK(reply_error(await_reply(self, *id)) == bus::errc::unavailable);
}

TEST_CASE_FIXTURE(bus_fixture, "the blocking request for tools") {
  auto conn = open();
  auto sub = echo(conn, "svc.echo");
  caf::scoped_actor silent{sys};
  auto silent_sub = conn->subscribe("svc.silent", handle(silent));
  REQUIRE(silent_sub);
  auto reply = conn->request_blocking("svc.echo", "hi", 10s);
  REQUIRE_MESSAGE(reply, bus::describe(reply.error()));
  CHECK(*reply == "pong:hi");
  CHECK(conn->request_blocking("svc.nobody", "hi", 10s).error() == bus::errc::no_responders);
  CHECK(conn->request_blocking("svc.silent", "hi", 50ms).error() == bus::errc::timeout);
  CHECK(conn->request_blocking("svc.*", "hi", 50ms).error() == bus::errc::invalid_argument);
}

TEST_CASE_FIXTURE(bus_fixture, "bad input is rejected as a value, never sent") {
  auto conn = open();
  CHECK(conn->publish("a b", "x") == bus::errc::invalid_argument);
  CHECK(conn->publish("a..b", "x") == bus::errc::invalid_argument);
  CHECK(conn->publish("a.*", "x") == bus::errc::invalid_argument);
  CHECK(conn->publish("a.>", "x") == bus::errc::invalid_argument);
  CHECK(conn->respond("", "x") == bus::errc::invalid_argument);
  CHECK(conn->subscribe("a.>.b", handle(self)).error() == bus::errc::invalid_argument);
  bus::subscribe_options bad_group;
  bad_group.queue_group = "two words";
  CHECK(conn->subscribe("a.b", handle(self), bad_group).error() == bus::errc::invalid_argument);
  CHECK(conn->subscribe("a.b", caf::actor{}).error() == bus::errc::invalid_argument);
  CHECK(conn->request("a.b", "x", 0ms, handle(self)).error() == bus::errc::invalid_argument);
  CHECK(conn->request("a.b", "x", 1s, caf::actor{}).error() == bus::errc::invalid_argument);
  auto big = std::string(2 * 1024 * 1024, 'x');  // nats-server's default max_payload is 1 MiB
  auto err = conn->publish("a.b", big);
  CHECK(err == bus::errc::too_large);
  CHECK(conn->request("a.b", big, 1s, handle(self)).error() == bus::errc::too_large);
  // The connection survived all of it.
  REQUIRE_FALSE(conn->flush());
  CHECK(conn->connected());
}

TEST_CASE_FIXTURE(bus_fixture, "close ends everything with closed") {
  auto conn = open();
  caf::scoped_actor silent{sys};
  auto sub = conn->subscribe("svc.silent", handle(silent));
  REQUIRE(sub);
  auto id = conn->request("svc.silent", "x", 60s, handle(self));
  REQUIRE(id);
  conn->close();
  CHECK(starts_with(await_atom(owner, bus::closed_atom::value), bus::closed_atom::value));
  CHECK(reply_error(await_reply(self, *id)) == bus::errc::closed);
  CHECK(conn->closed());
  CHECK_FALSE(conn->connected());
  CHECK(conn->connected_url().empty());
  CHECK(conn->publish("a.b", "x") == bus::errc::closed);
  CHECK(conn->subscribe("a.b", handle(self)).error() == bus::errc::closed);
  CHECK(conn->request("a.b", "x", 1s, handle(self)).error() == bus::errc::closed);
  CHECK(conn->request_blocking("a.b", "x", 1s).error() == bus::errc::closed);
  CHECK(conn->flush() == bus::errc::closed);
  conn->close();  // idempotent
  sub->unsubscribe();
  CHECK_FALSE(sub->active());
}

TEST_CASE_FIXTURE(bus_fixture, "destroying the connection reports closed to the owner") {
  auto conn = open();
  conn.reset();
  CHECK(starts_with(await_atom(owner, bus::closed_atom::value), bus::closed_atom::value));
}
