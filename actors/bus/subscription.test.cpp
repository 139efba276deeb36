#include "actors/bus/subscription.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <thread>

#include "tests/support/bus_fixture.hpp"

namespace bus = kactor::bus;
using kactor::testing::await_atom;
using kactor::testing::bus_fixture;
using kactor::testing::next_message;
using kactor::testing::starts_with;
using namespace std::chrono_literals;

namespace {

// The (subject, reply, data) of the next delivery in `self`'s mailbox.
std::tuple<std::string, std::string, std::string> next_delivery(caf::scoped_actor& self) {
  auto msg = await_atom(self, bus::msg_atom::value);
  REQUIRE((msg.match_elements<caf::atom_value, std::string, std::string, std::string>()));
  return {msg.get_as<std::string>(1), msg.get_as<std::string>(2), msg.get_as<std::string>(3)};
}

}  // namespace

TEST_CASE_FIXTURE(bus_fixture, "messages reach the target actor in publish order") {
  auto conn = open();
  auto sub = conn->subscribe("orders.new", handle(self));
  REQUIRE(sub);
  CHECK(sub->active());
  CHECK(sub->subject() == "orders.new");
  CHECK(sub->queue_group().empty());
  for (int i = 0; i < 100; ++i)
    REQUIRE_FALSE(conn->publish("orders.new", std::to_string(i)));
  REQUIRE_FALSE(conn->publish("orders.new", std::string("\0binary\xff", 8)));
  for (int i = 0; i < 100; ++i) {
    auto [subject, reply, data] = next_delivery(self);
    CHECK(subject == "orders.new");
    CHECK(reply.empty());
    CHECK(data == std::to_string(i));
  }
  CHECK(std::get<2>(next_delivery(self)) == std::string("\0binary\xff", 8));
  REQUIRE_FALSE(conn->publish("orders.new", ""));
  CHECK(std::get<2>(next_delivery(self)).empty());
  CHECK(sub->dropped() == 0);
}

TEST_CASE_FIXTURE(bus_fixture, "an event-based actor receives its subscription") {
  auto conn = open();
  // Forwards every delivery's data to `self`, tagged, proving the message reached it.
  auto sink = handle(self);
  auto forwarder = sys.spawn([sink](caf::event_based_actor* me) -> caf::behavior {
    return {
        [me, sink](bus::msg_atom, const std::string& subject, const std::string&,
                   const std::string& data) { me->send(sink, subject, data); },
    };
  });
  spawned.push_back(forwarder);
  auto sub = conn->subscribe("kactor.v1.events.apps.>", forwarder);
  REQUIRE(sub);
  REQUIRE_FALSE(conn->publish("kactor.v1.events.core.pods.default.a", "skip"));
  REQUIRE_FALSE(conn->publish("kactor.v1.events.apps.deployments.default.web", "take"));
  auto msg = next_message(self, 30s);
  REQUIRE((msg.match_elements<std::string, std::string>()));
  CHECK(msg.get_as<std::string>(0) == "kactor.v1.events.apps.deployments.default.web");
  CHECK(msg.get_as<std::string>(1) == "take");
}

TEST_CASE_FIXTURE(bus_fixture, "a request's reply subject reaches the subscriber") {
  auto conn = open();
  auto sub = conn->subscribe("svc.manual", handle(self));
  REQUIRE(sub);
  caf::scoped_actor requester{sys};
  auto id = conn->request("svc.manual", "question", 30s, handle(requester));
  REQUIRE(id);
  auto [subject, reply, data] = next_delivery(self);
  CHECK(data == "question");
  REQUIRE_FALSE(reply.empty());
  REQUIRE_FALSE(conn->respond(reply, "answer"));
  auto msg = await_atom(requester, bus::reply_atom::value);
  REQUIRE((msg.match_elements<caf::atom_value, uint64_t, std::string>()));
  CHECK(msg.get_as<uint64_t>(1) == *id);
  CHECK(msg.get_as<std::string>(2) == "answer");
}

TEST_CASE_FIXTURE(bus_fixture, "a queue group delivers each message to one member") {
  auto conn = open();
  caf::scoped_actor a{sys};
  caf::scoped_actor b{sys};
  bus::subscribe_options group;
  group.queue_group = "workers";
  auto sub_a = conn->subscribe("jobs", handle(a), group);
  auto sub_b = conn->subscribe("jobs", handle(b), group);
  REQUIRE(sub_a);
  REQUIRE(sub_b);
  CHECK(sub_a->queue_group() == "workers");
  constexpr int count = 40;
  for (int i = 0; i < count; ++i)
    REQUIRE_FALSE(conn->publish("jobs", std::to_string(i)));
  std::multiset<std::string> got;
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (int(got.size()) < count && std::chrono::steady_clock::now() < deadline) {
    for (auto* x : {&a, &b}) {
      auto msg = next_message(*x, 5ms);
      if (!msg.empty()) got.insert(msg.get_as<std::string>(3));
    }
  }
  REQUIRE(int(got.size()) == count);
  CHECK(std::set<std::string>(got.begin(), got.end()).size() == size_t(count));
}

TEST_CASE_FIXTURE(bus_fixture, "nothing is delivered after unsubscribe returns") {
  auto conn = open();
  caf::scoped_actor reference{sys};
  auto ref_sub = conn->subscribe("topic", handle(reference));
  REQUIRE(ref_sub);
  auto sub = conn->subscribe("topic", handle(self));
  REQUIRE(sub);
  REQUIRE_FALSE(conn->publish("topic", "1"));
  CHECK(std::get<2>(next_delivery(self)) == "1");
  CHECK(std::get<2>(next_delivery(reference)) == "1");
  sub->unsubscribe();
  CHECK_FALSE(sub->active());
  sub->unsubscribe();  // idempotent
  REQUIRE_FALSE(conn->publish("topic", "2"));
  CHECK(std::get<2>(next_delivery(reference)) == "2");
  CHECK(next_message(self, 0ms).empty());
}

TEST_CASE_FIXTURE(bus_fixture, "moving a subscription keeps it, assigning over one ends it") {
  auto conn = open();
  auto first = conn->subscribe("moved", handle(self));
  REQUIRE(first);
  bus::subscription kept = std::move(*first);
  CHECK(kept.active());
  CHECK_FALSE(first->active());
  CHECK(first->subject().empty());
  REQUIRE_FALSE(conn->publish("moved", "still"));
  CHECK(std::get<2>(next_delivery(self)) == "still");
  caf::scoped_actor other{sys};
  auto replacement = conn->subscribe("other", handle(other));
  REQUIRE(replacement);
  kept = std::move(*replacement);
  CHECK(kept.subject() == "other");
  caf::scoped_actor reference{sys};
  auto ref_sub = conn->subscribe("moved", handle(reference));
  REQUIRE(ref_sub);
  REQUIRE_FALSE(conn->publish("moved", "gone"));
  CHECK(std::get<2>(next_delivery(reference)) == "gone");
  CHECK(next_message(self, 0ms).empty());
  CHECK(bus::subscription{}.dropped() == 0);
}

TEST_CASE_FIXTURE(bus_fixture, "a slow consumer is reported to the owner and the target") {
  auto conn = open();
  auto publisher = open();
  bus::subscribe_options tiny;
  tiny.pending_msgs_limit = 1;
  tiny.pending_bytes_limit = 1024 * 1024;
  auto sub = conn->subscribe("flood", handle(self), tiny);
  REQUIRE(sub);
  REQUIRE_FALSE(conn->flush());
  // With room for one pending message, a burst overflows as soon as the library's reader
  // gets ahead of the delivery thread; keep bursting (bounded) until it did.
  std::string payload(256, 'x');
  caf::message slow;
  for (int round = 0; round < 50 && slow.empty(); ++round) {
    for (int i = 0; i < 20000; ++i)
      REQUIRE_FALSE(publisher->publish("flood", payload));
    REQUIRE_FALSE(publisher->flush());
    slow = await_atom(owner, bus::slow_atom::value, 2s);
  }
  REQUIRE_FALSE(slow.empty());
  CHECK(slow.get_as<std::string>(1) == "flood");
  CHECK(sub->dropped() > 0);
  auto at_target = await_atom(self, bus::slow_atom::value);
  REQUIRE_FALSE(at_target.empty());
  CHECK(at_target.get_as<std::string>(1) == "flood");
}

TEST_CASE_FIXTURE(bus_fixture, "subscriptions come and go safely during a flood") {
  auto conn = open();
  auto publisher = open();
  std::atomic<bool> stop{false};
  std::thread flood{[&] {
    while (!stop) {
      for (int i = 0; i < 1000; ++i)
        (void)publisher->publish("storm", "x");
      std::this_thread::yield();
    }
  }};
  for (int i = 0; i < 50; ++i) {
    caf::scoped_actor target{sys};
    auto sub = conn->subscribe("storm", handle(target));
    REQUIRE(sub);
    auto msg = await_atom(target, bus::msg_atom::value);
    CHECK_FALSE(msg.empty());
  }  // each subscription ends while messages are arriving
  stop = true;
  flood.join();
  CHECK(conn->connected());
}
