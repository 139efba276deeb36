// How the informer recovers from every way of missing events (docs/informer.md, "Gap rules"),
// against a real nats-server and the real state actor: a nats-server restart while a second
// client writes, sequence gaps (events dropped by a relay in front of an edge server), a gap at
// the tail seen through a bookmark, slow consumers, compaction past the informer's revision
// (relist with exact differences), and a restart of the state actor (new epoch).

#include <doctest/doctest.h>

#include <algorithm>
#include <thread>

#include "actors/informer/testing/informer_fixture.hpp"

namespace {

using namespace kactor::informer;
using namespace kactor::informer::testing;
namespace bus = kactor::bus;

std::string numbered(std::string prefix, int i) {
  prefix += std::to_string(i);
  return prefix;
}

fixture_options edge_without_bookmarks() {
  fixture_options o;
  o.edge = true;
  o.bookmark_interval = 60s;
  o.bookmark_all_interval = 60s;
  return o;
}

// One write of the outage test, done from a plain thread (no doctest assertions there).
struct planned_write {
  planned_write(change_type t, std::string n, std::string nm)
      : type(t), ns(std::move(n)), name(std::move(nm)) {}
  change_type type;
  std::string ns;
  std::string name;
  std::uint64_t revision = 0;
  std::string error;
};

// Sends one write through `conn`, retrying while nobody serves the state subjects (the state
// actor's connection may come back after ours: such a request was certainly not applied).
void perform(bus::connection& conn, planned_write& w) {
  namespace v1 = kactor::bus::v1;
  auto ref = informer_fixture::ref(w.ns, w.name);
  bus::subjects::state_verb verb;
  std::string body;
  if (w.type == change_type::added) {
    v1::CreateRequest req;
    *req.mutable_ref() = ref;
    req.set_object(config_map(w.ns, w.name, "outage"));
    verb = bus::subjects::state_verb::create;
    body = req.SerializeAsString();
  } else if (w.type == change_type::updated) {
    v1::UpdateRequest req;
    *req.mutable_ref() = ref;
    req.set_object(config_map(w.ns, w.name, "outage"));
    verb = bus::subjects::state_verb::update;
    body = req.SerializeAsString();
  } else {
    v1::DeleteRequest req;
    *req.mutable_ref() = ref;
    verb = bus::subjects::state_verb::remove;
    body = req.SerializeAsString();
  }
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline) {
    auto reply = conn.request_blocking(bus::subjects::state(verb), body, 15s);
    if (!reply && bus::code_of(reply.error()) == bus::errc::no_responders) {
      std::this_thread::sleep_for(20ms);  // retry pacing, not synchronization
      continue;
    }
    if (!reply) {
      w.error = bus::describe(reply.error());
      return;
    }
    v1::WriteReply r;
    if (!r.ParseFromString(*reply) || r.error().code() != 0) {
      w.error = "write failed: " + r.error().message();
      return;
    }
    w.revision = r.revision();
    return;
  }
  w.error = "no state actor within 30 s";
}

}  // namespace

TEST_CASE("nats-server restart while a second client writes: every change exactly once") {
  informer_fixture f;
  // The informer's event connection reconnects late, so that the writes below are published
  // while it is still away: it must find them with a catch-up read.
  bus::connection_options slow;
  slow.name = "informer-events";
  slow.reconnect_wait = 1500ms;
  slow.reconnect_wait_max = 1500ms;
  slow.reconnect_jitter = 0ms;
  f.open_informer_connections(slow);
  for (int i = 0; i < 5; ++i)
    f.create("a", numbered("pre-", i), "v");
  f.spawn(f.default_options());
  f.wait_synced();
  REQUIRE(f.await_seen(5));

  std::vector<planned_write> writes;
  for (int i = 0; i < 6; ++i)
    writes.emplace_back(change_type::added, "b", numbered("new-", i));
  for (int i = 0; i < 3; ++i)
    writes.emplace_back(change_type::updated, "a", numbered("pre-", i));
  writes.emplace_back(change_type::deleted, "a", "pre-3");
  writes.emplace_back(change_type::updated, "b", "new-0");
  writes.emplace_back(change_type::deleted, "b", "new-5");

  f.server.kill();
  REQUIRE_FALSE(kactor::testing::await_atom(f.writer_owner, bus::down_atom::value).empty());
  // The writer's requests are buffered while the server is down and reach the state actor
  // after the restart.
  std::thread writer([&] {
    for (auto& w : writes)
      perform(*f.writer, w);
  });
  f.server.start();
  writer.join();

  std::vector<seen_change> expected;
  for (const auto& w : writes) {
    REQUIRE_MESSAGE(w.error.empty(), w.error);
    expected.push_back({w.type, object_key(w.ns, w.name), w.revision});
  }
  REQUIRE(std::is_sorted(expected.begin(), expected.end(),
                         [](const auto& a, const auto& b) { return a.revision < b.revision; }));
  REQUIRE(f.await_seen(5 + expected.size(), 60s));
  f.settle();
  CHECK(render({f.seen.begin() + 5, f.seen.end()}) == render(expected));
  CHECK(f.cache_content() == f.store_content());
  auto s = f.stats();
  CHECK(s.reconnects >= 1);
  CHECK(s.catch_ups >= 1);
  MESSAGE("outage: " << s.replayed_applied << " changes caught up, " << s.live_applied << " live, "
                     << s.gaps << " gaps, " << s.catch_ups << " catch-ups");
}

TEST_CASE("a sequence gap (events dropped on the way) triggers a catch-up") {
  informer_fixture f(edge_without_bookmarks());
  f.spawn(f.default_options());
  f.wait_synced();
  std::vector<seen_change> expected;
  expected.push_back({change_type::added, "a/0", f.create("a", "0", "v")});
  REQUIRE(f.await_seen(1));
  auto before = f.stats();

  f.relay->drop_next = 2;
  expected.push_back({change_type::added, "a/1", f.create("a", "1", "v")});
  expected.push_back({change_type::updated, "a/0", f.update("a", "0", "w")});
  expected.push_back({change_type::added, "a/2", f.create("a", "2", "v")});  // reveals the gap
  REQUIRE(f.await_seen(4));
  f.settle();
  CHECK(render(f.seen) == render(expected));
  CHECK(f.relay->dropped == 2);
  auto s = f.stats();
  CHECK(s.gaps == before.gaps + 1);
  CHECK(s.catch_ups == before.catch_ups + 1);
  CHECK(s.replayed_applied >= before.replayed_applied + 2);
  CHECK(s.anchored);
  CHECK(f.cache_content() == f.store_content());

  // Back in sequence: the next event is applied live.
  expected.push_back({change_type::deleted, "a/1", f.remove("a", "1")});
  REQUIRE(f.await_seen(5));
  f.settle();
  CHECK(render(f.seen) == render(expected));
  CHECK(f.stats().live_applied == s.live_applied + 1);
}

TEST_CASE("events arriving during a catch-up wait, then apply in order, without duplicates") {
  informer_fixture f(edge_without_bookmarks());
  f.spawn(f.default_options());
  f.wait_synced();
  std::vector<seen_change> expected;
  expected.push_back({change_type::added, "a/0", f.create("a", "0", "v")});
  REQUIRE(f.await_seen(1));
  auto before = f.stats();

  f.relay->drop_next = 1;
  f.relay->hold_replies = true;
  expected.push_back({change_type::added, "a/1", f.create("a", "1", "v")});  // dropped
  expected.push_back({change_type::added, "a/2", f.create("a", "2", "v")});  // the gap
  // The catch-up read was answered (before the next writes) and its reply is held.
  REQUIRE_FALSE(kactor::testing::await_atom(f.self, held_atom::value).empty());
  expected.push_back({change_type::updated, "a/1", f.update("a", "1", "w")});
  expected.push_back({change_type::added, "a/3", f.create("a", "3", "v")});
  // Bounded wait until both events reached the informer while it still waits for the read.
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (f.stats().buffered < 3 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(5ms);
  REQUIRE(f.stats().buffered == 3);  // a/2 (which revealed the gap), a/1 update, a/3
  CHECK(f.seen.size() == 1);
  caf::anon_send(f.rpc_relay_actor, release_atom::value);

  REQUIRE(f.await_seen(5));
  f.settle();
  CHECK(render(f.seen) == render(expected));
  auto s = f.stats();
  CHECK(s.catch_ups == before.catch_ups + 1);
  CHECK(s.replayed_applied == before.replayed_applied + 2);  // a/1 and a/2 from the read
  CHECK(s.live_applied == before.live_applied + 2);          // the buffered update and a/3
  CHECK(s.duplicates == before.duplicates + 1);              // the buffered a/2
  CHECK(s.buffered == 0);
  CHECK(f.cache_content() == f.store_content());
}

TEST_CASE("a bookmark ahead of the last sequence seen reveals a gap at the tail") {
  fixture_options o;
  o.edge = true;
  o.bookmark_interval = 100ms;
  informer_fixture f(o);
  f.spawn(f.default_options());
  f.wait_synced();
  auto r0 = f.create("a", "0", "v");
  REQUIRE(f.await_seen(1));
  f.relay->drop_next = 1;
  auto r1 = f.create("a", "1", "v");  // dropped, and nothing follows it but bookmarks
  REQUIRE(f.await_seen(2));
  f.settle();
  CHECK(render(f.seen) ==
        render({{change_type::added, "a/0", r0}, {change_type::added, "a/1", r1}}));
  auto s = f.stats();
  CHECK(s.bookmarks >= 1);
  CHECK(s.gaps >= 1);
  CHECK(f.cache_content() == f.store_content());
}

TEST_CASE("a slow-consumer report makes the informer catch up") {
  SUBCASE("reported by the bus after a real drop (pending limit of one message)") {
    informer_fixture f;
    auto o = f.default_options();
    o.pending_msgs_limit = 1;
    f.spawn(o);
    f.wait_synced();
    auto r0 = f.create("a", "anchor", "v");
    REQUIRE(f.await_seen(1));
    CHECK(f.seen[0].revision == r0);
    f.seen.clear();
    // One transaction of 300 creates: 300 events back to back.
    kactor::bus::v1::TxnRequest txn;
    for (int i = 0; i < 300; ++i) {
      auto* op = txn.add_ops()->mutable_create();
      *op->mutable_ref() = informer_fixture::ref("a", numbered("burst-", i));
      op->set_object(config_map("a", numbered("burst-", i), "v"));
    }
    auto reply = f.ask<kactor::bus::v1::TxnReply>(bus::subjects::state_verb::txn, txn);
    REQUIRE(reply.error().code() == 0);
    REQUIRE(f.await_seen(300, 60s));
    f.settle();
    CHECK(f.seen.size() == 300);
    for (const auto& c : f.seen)
      CHECK(c.revision == reply.revision());
    CHECK(f.cache_content() == f.store_content());
    auto s = f.stats();
    MESSAGE("burst: " << s.slow_consumers << " slow-consumer reports, " << s.replayed_applied
                      << " caught up, " << s.live_applied << " live");
  }
  SUBCASE("reported while an event was lost silently") {
    informer_fixture f(edge_without_bookmarks());
    f.spawn(f.default_options());
    f.wait_synced();
    auto r0 = f.create("a", "0", "v");
    REQUIRE(f.await_seen(1));
    f.relay->drop_next = 1;
    auto r1 = f.update("a", "0", "w");  // lost; no later event, no bookmark for a minute
    caf::anon_send(f.informer, bus::slow_atom::value,
                   std::string{"kactor.v1.events.core.configmaps.>"});
    REQUIRE(f.await_seen(2));
    f.settle();
    CHECK(render(f.seen) ==
          render({{change_type::added, "a/0", r0}, {change_type::updated, "a/0", r1}}));
    CHECK(f.stats().slow_consumers == 1);
  }
}

TEST_CASE("compaction past the informer's revision: relist, and only the differences") {
  informer_fixture f(edge_without_bookmarks());
  f.create("a", "keep", "v");
  f.create("a", "upd", "v");
  f.create("a", "del", "v");
  f.spawn(f.default_options());
  f.wait_synced();
  REQUIRE(f.await_seen(3));

  f.relay->block = true;  // the informer sees nothing of what follows
  f.create("a", "new", "v");
  f.update("a", "upd", "w");
  f.remove("a", "del");
  f.create("a", "tmp", "v");
  f.remove("a", "tmp");
  auto compacted = f.compact(f.store_revision());
  f.relay->block = false;
  auto tail = f.create("a", "tail", "v");  // reveals the gap; its history is gone
  CHECK(compacted < tail);

  REQUIRE(f.await_seen(3 + 4));
  f.settle();
  std::vector<seen_change> got{f.seen.begin() + 3, f.seen.end()};
  REQUIRE(got.size() == 4);
  auto list_revision = got[0].revision;
  CHECK(list_revision >= tail);
  CHECK(render(got) == render({{change_type::deleted, "a/del", list_revision},
                               {change_type::added, "a/new", list_revision},
                               {change_type::added, "a/tail", list_revision},
                               {change_type::updated, "a/upd", list_revision}}));
  auto s = f.stats();
  CHECK(s.relists == 1);
  CHECK(s.lists == 2);
  CHECK(f.cache_content() == f.store_content());
}

TEST_CASE("the state actor restarts with a new epoch: sequences restart, nothing is lost") {
  informer_fixture f;
  f.spawn(f.default_options());
  f.wait_synced();
  std::vector<seen_change> expected;
  expected.push_back({change_type::added, "a/0", f.create("a", "0", "v")});
  REQUIRE(f.await_seen(1));
  auto old_epoch = f.role->epoch();
  f.stop_role();
  f.start_role();
  REQUIRE(f.role->epoch() != old_epoch);
  expected.push_back({change_type::added, "a/1", f.create("a", "1", "v")});
  expected.push_back({change_type::updated, "a/0", f.update("a", "0", "w")});
  REQUIRE(f.await_seen(3));
  f.settle();
  CHECK(render(f.seen) == render(expected));
  auto s = f.stats();
  CHECK(s.epoch == f.role->epoch());
  CHECK(f.cache_content() == f.store_content());
}

TEST_CASE("unreadable messages on the stream are counted and answered with a catch-up") {
  informer_fixture f(edge_without_bookmarks());
  f.spawn(f.default_options());
  f.wait_synced();
  auto r0 = f.create("a", "0", "v");
  REQUIRE(f.await_seen(1));
  auto before = f.stats();
  // Garbage where a WatchEvent belongs, and an event whose object is not a ConfigMap.
  REQUIRE_FALSE(f.edge_sink->publish("kactor.v1.events.core.configmaps.a.x", "\xff\xff\xff"));
  kactor::bus::v1::WatchEvent forged;
  forged.set_type(kactor::bus::v1::WatchEvent::ADDED);
  forged.set_epoch(before.epoch);
  forged.set_sequence(before.last_sequence + 1);
  forged.set_revision(before.revision + 1000);
  forged.set_namespace_("a");
  forged.set_name("forged");
  forged.set_object("\xff\xff\xff");
  REQUIRE_FALSE(f.edge_sink->publish("kactor.v1.events.core.configmaps.a.forged",
                                     forged.SerializeAsString()));
  REQUIRE_FALSE(f.edge_sink->flush());
  auto r1 = f.create("a", "1", "v");
  REQUIRE(f.await_seen(2));
  f.settle();
  CHECK(render(f.seen) ==
        render({{change_type::added, "a/0", r0}, {change_type::added, "a/1", r1}}));
  auto s = f.stats();
  CHECK(s.decode_errors == before.decode_errors + 2);
  CHECK(s.catch_ups > before.catch_ups);
  CHECK(f.cache_content() == f.store_content());
}
