// The informer against a real nats-server and the real state actor: list, live events,
// namespace scope and filter, listeners, waiting for sync, restart from the cache. The recovery
// rules (gaps, reconnects, slow consumers, bookmarks, compaction, epochs) are in
// informer_recovery.test.cpp.

#include "actors/informer/informer.hpp"

#include <doctest/doctest.h>

#include <thread>

#include "actors/informer/testing/informer_fixture.hpp"

namespace {

using namespace kactor::informer;
using namespace kactor::informer::testing;

std::string numbered(std::string prefix, int i) {
  prefix += std::to_string(i);
  return prefix;
}

}  // namespace

TEST_CASE("spawn_informer rejects bad options with an error value") {
  informer_fixture f;
  f.open_informer_connections();
  informer_deps deps{f.events, f.rpc, f.shared_cache, {}};
  auto o = f.default_options();
  o.resource = "no-such-things";
  auto bad = spawn_informer(f.sys, o, deps);
  REQUIRE_FALSE(bad);
  CHECK(kactor::bus::describe(bad.error()).find("no-such-things") != std::string::npos);
  o = f.default_options();
  o.page_size = 0;
  CHECK_FALSE(spawn_informer(f.sys, o, deps));
  CHECK_FALSE(spawn_informer(f.sys, f.default_options(), {f.events, nullptr, f.shared_cache, {}}));
  CHECK(registered_type("", "configmaps") == k8s::core::v1::ConfigMap::descriptor());
  CHECK(registered_type("apps", "deployments") != nullptr);
}

TEST_CASE("initial list in pages, then live events; the cache equals the store") {
  informer_fixture f;
  std::uint64_t last = 0;
  for (int i = 0; i < 20; ++i)
    last = f.create(i % 2 ? "a" : "b", numbered("cm-", i), "v0");
  f.spawn(f.default_options());  // 7 per page: three pages
  auto synced_at = f.wait_synced();
  CHECK(synced_at >= last);
  CHECK(f.shared_cache->has_synced());
  REQUIRE(f.await_seen(20));
  for (const auto& c : f.seen)
    CHECK(c.type == change_type::added);
  CHECK(f.cache_content() == f.store_content());

  std::vector<seen_change> expected;
  expected.push_back({change_type::added, "a/new", f.create("a", "new", "x")});
  expected.push_back({change_type::updated, "a/cm-3", f.update("a", "cm-3", "v1")});
  expected.push_back({change_type::deleted, "b/cm-4", f.remove("b", "cm-4")});
  expected.push_back({change_type::updated, "a/cm-3", f.update("a", "cm-3", "v2")});
  REQUIRE(f.await_seen(24));
  f.settle();
  REQUIRE(f.seen.size() == 24);
  CHECK(render({f.seen.begin() + 20, f.seen.end()}) == render(expected));
  CHECK(f.cache_content() == f.store_content());

  // Old and new objects of the notifications, and typed reads of the snapshot.
  const auto& updated = f.notifications[21];
  REQUIRE(updated.old);
  CHECK(updated.old->as<k8s::core::v1::ConfigMap>()->data().at("v") == "v0");
  CHECK(updated.object->as<k8s::core::v1::ConfigMap>()->data().at("v") == "v1");
  const auto& deleted = f.notifications[22];
  REQUIRE(deleted.old);
  CHECK(deleted.object->key() == "b/cm-4");
  CHECK(deleted.group.empty());
  CHECK(deleted.resource == "configmaps");
  auto snap = f.shared_cache->current();
  auto cm = snap->get_as<k8s::core::v1::ConfigMap>("a/cm-3");
  REQUIRE(cm);
  CHECK(cm->data().at("v") == "v2");
  CHECK(cm->metadata().resourceversion() == std::to_string(expected[3].revision));
  CHECK(snap->revision() >= expected[3].revision);
  CHECK(snap->list("a").size() == 11);

  auto s = f.stats();
  CHECK(s.synced);
  CHECK(s.lists == 1);
  CHECK(s.relists == 0);
  CHECK(s.live_applied + s.replayed_applied == 4);
  CHECK(s.decode_errors == 0);
  CHECK(s.notifications == 24);
}

TEST_CASE("namespace scope and a local filter: only matching objects, leaving ones as deleted") {
  informer_fixture f;
  f.create("a", "x", "shown");
  f.create("b", "y", "shown");
  f.create("a", "h", "hidden");
  auto o = f.default_options();
  o.ns = "a";
  o.filter = [](const cached_object& obj) {
    return obj.as<k8s::core::v1::ConfigMap>()->data().at("v") != "hidden";
  };
  f.spawn(o);
  f.wait_synced();
  REQUIRE(f.await_seen(1));
  CHECK(render(f.seen) == render({{change_type::added, "a/x", f.seen[0].revision}}));

  std::vector<seen_change> expected;
  expected.push_back({change_type::deleted, "a/x", f.update("a", "x", "hidden")});
  f.create("b", "z", "shown");  // another namespace: nothing
  expected.push_back({change_type::added, "a/h", f.update("a", "h", "shown")});
  f.update("b", "y", "hidden");
  REQUIRE(f.await_seen(3));
  f.settle();
  CHECK(render({f.seen.begin() + 1, f.seen.end()}) == render(expected));
  CHECK(f.cache_content() == std::map<std::string, std::uint64_t>{{"a/h", expected[1].revision}});
}

TEST_CASE("started before the state actor: it retries, then syncs and answers waiters") {
  informer_fixture f;
  f.create("a", "early", "1");
  f.stop_role();
  f.spawn(f.default_options());
  CHECK_FALSE(f.shared_cache->has_synced());
  // Bounded wait for the informer to report its failed list (no responders) before the state
  // actor comes back.
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (f.stats().request_failures == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(10ms);
  CHECK(f.stats().request_failures >= 1);
  f.start_role();
  f.wait_synced();
  REQUIRE(f.await_seen(1));
  CHECK(f.seen[0].key == "a/early");
  CHECK(f.cache_content() == f.store_content());
}

TEST_CASE("a listener added after the sync first receives every cached object") {
  informer_fixture f;
  for (int i = 0; i < 5; ++i)
    f.create("a", numbered("o", i), "v");
  f.spawn(f.default_options());
  f.wait_synced();
  caf::scoped_actor late{f.sys};
  caf::anon_send(f.informer, listen_atom::value, caf::actor_cast<caf::actor>(late));
  std::vector<std::string> keys;
  while (keys.size() < 5) {
    auto msg = kactor::testing::next_message(late, 10s);
    REQUIRE_FALSE(msg.empty());
    if (!msg.match_elements<event_atom, notification>()) continue;
    CHECK(msg.get_as<notification>(1).type == change_type::added);
    keys.push_back(msg.get_as<notification>(1).key());
  }
  CHECK(keys == std::vector<std::string>{"a/o0", "a/o1", "a/o2", "a/o3", "a/o4"});
  auto rev = f.create("a", "o5", "v");
  while (true) {
    auto msg = kactor::testing::next_message(late, 10s);
    REQUIRE_FALSE(msg.empty());
    if (!msg.match_elements<event_atom, notification>()) continue;
    CHECK(msg.get_as<notification>(1).key() == "a/o5");
    CHECK(msg.get_as<notification>(1).revision == rev);
    break;
  }
  CHECK(f.stats().listeners == 2);
}

TEST_CASE("a restarted informer resumes from its cache and reports only what changed") {
  informer_fixture f;
  for (int i = 0; i < 6; ++i)
    f.create("a", numbered("o", i), "v");
  auto first = f.spawn(f.default_options());
  f.wait_synced();
  REQUIRE(f.await_seen(6));
  f.self->monitor(first);
  caf::anon_send_exit(first, caf::exit_reason::kill);
  f.self->receive([&](caf::down_msg& m) { CHECK(m.source == first.address()); });

  std::vector<seen_change> expected;
  expected.push_back({change_type::updated, "a/o1", f.update("a", "o1", "w")});
  expected.push_back({change_type::deleted, "a/o2", f.remove("a", "o2")});
  expected.push_back({change_type::added, "a/p", f.create("a", "p", "w")});
  f.spawn(f.default_options());  // same cache, same listener: synced at once, then catches up
  f.wait_synced();
  REQUIRE(f.await_seen(9));
  f.settle();
  CHECK(render({f.seen.begin() + 6, f.seen.end()}) == render(expected));
  CHECK(f.cache_content() == f.store_content());
  auto s = f.stats();
  CHECK(s.lists == 0);
  CHECK(s.catch_ups >= 1);
}
