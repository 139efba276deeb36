#include "gateway/watchcache/watch_cache.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <future>

#include "gateway/watchcache/testing/watch_fixture.hpp"

using namespace kactor::watchcache;
using namespace kactor::watchcache::testing;

TEST_CASE("watch_cache: one synced informer per stored resource") {
  auto t0 = std::chrono::steady_clock::now();
  watch_fixture f;
  auto took = std::chrono::steady_clock::now() - t0;
  MESSAGE("start + first lists of "
          << f.cache->resources().size()
          << " informers: " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
          << " ms (server and state role included)");
  CHECK(f.cache->synced());
  CHECK(f.cache->resources().size() > 40);
  CHECK(f.cache->snapshot("", "pods"));
  CHECK(f.cache->snapshot("apps", "deployments"));
  CHECK(f.cache->snapshot("", "events"));
  CHECK_FALSE(f.cache->snapshot("events.k8s.io", "events"));  // stored as core events
  CHECK_FALSE(f.cache->snapshot("", "nonsense"));
  CHECK(f.cache->current_revision("", "nonsense") == 0);

  auto rev = f.create("default", "a");
  REQUIRE(f.fresh(rev));
  auto snap = f.cache->snapshot("", "configmaps");
  CHECK(snap->revision() >= rev);
  REQUIRE(snap->get("default/a"));
  CHECK(snap->get("default/a")->revision == rev);
  CHECK(f.cache->current_revision("", "configmaps") >= rev);
  CHECK(f.cache->known_revision() >= rev);

  // The start itself and the memory of 42 empty informers (a second cache on the same bus).
  auto rss = [] {
    std::ifstream status("/proc/self/status");
    std::string key;
    long kb = 0;
    while (status >> key)
      if (key == "VmRSS:" && status >> kb) break;
    return kb;
  };
  auto before = rss();
  auto s0 = std::chrono::steady_clock::now();
  auto options = watch_fixture::default_options();
  options.nats_url = f.server.url();
  auto second = watch_cache::start(f.sys, options);
  REQUIRE(second);
  auto s1 = std::chrono::steady_clock::now();
  for (const auto& [group, resource] : (*second)->resources())
    f.self
        ->request((*second)->informer_of(group, resource), 30s,
                  kactor::informer::wait_synced_atom::value)
        .receive([](kactor::informer::synced_atom, std::uint64_t) {},
                 [&](caf::error& err) { FAIL(caf::to_string(err)); });
  auto s2 = std::chrono::steady_clock::now();
  using us = std::chrono::microseconds;
  MESSAGE("watch_cache::start " << std::chrono::duration_cast<us>(s1 - s0).count()
                                << " us, all synced after "
                                << std::chrono::duration_cast<us>(s2 - s0).count() << " us, RSS +"
                                << rss() - before << " KiB");
  CHECK((*second)->synced());
}

TEST_CASE("watch_cache: stopping the cache ends its watches") {
  watch_fixture f;
  recorder rec;
  auto handle = f.watch({}, rec);
  f.cache->stop();
  REQUIRE(rec.await_end());
  CHECK(rec.error().empty());
  CHECK(f.await_gone(handle));
}

TEST_CASE("watch_cache: when_fresh answers true when reached, false at the deadline") {
  watch_fixture f;
  // Already fresh: at once, on this thread.
  bool called = false;
  f.cache->when_fresh("", "configmaps", 0, 1s, [&](bool ok) { called = ok; });
  CHECK(called);
  // Unknown resource: false at once.
  bool unknown = true;
  f.cache->when_fresh("", "nonsense", 1, 1s, [&](bool ok) { unknown = ok; });
  CHECK_FALSE(unknown);

  // A write of this resource: true once the informer applied it.
  auto rev = f.create("default", "a");
  CHECK(f.fresh(rev));

  // A revision of another resource: the configmaps informer has to catch up to see it.
  auto pod_rev = f.create_pod("default", "p");
  CHECK(f.fresh(pod_rev, "configmaps"));
  CHECK(f.cache->current_revision("", "configmaps") >= pod_rev);

  // A revision nobody will reach: false at the deadline.
  std::promise<bool> late;
  auto answer = late.get_future();
  f.cache->when_fresh("", "configmaps", pod_rev + 1000, 300ms,
                      [&](bool ok) { late.set_value(ok); });
  REQUIRE(answer.wait_for(20s) == std::future_status::ready);
  CHECK_FALSE(answer.get());

  // Stopping the cache answers whoever still waits.
  std::promise<bool> stopped;
  auto stop_answer = stopped.get_future();
  f.cache->when_fresh("", "configmaps", pod_rev + 1000, 60s,
                      [&](bool ok) { stopped.set_value(ok); });
  f.cache->stop();
  REQUIRE(stop_answer.wait_for(20s) == std::future_status::ready);
  CHECK_FALSE(stop_answer.get());
  bool after_stop = true;
  f.cache->when_fresh("", "configmaps", 0, 1s, [&](bool ok) { after_stop = ok; });
  CHECK_FALSE(after_stop);
}

TEST_CASE("watch_cache: a watch from now sees create, update, delete in order") {
  watch_fixture f;
  recorder rec;
  watch_request req;
  req.resource_version = f.cache->current_revision("", "configmaps");
  f.watch(req, rec);
  auto r1 = f.create("default", "a");
  auto r2 = f.update("default", "a");
  auto r3 = f.remove("default", "a");
  REQUIRE(rec.await(3));
  CHECK(rec.changes() == std::vector<std::string>{line("ADDED", "default/a", r1),
                                                  line("MODIFIED", "default/a", r2),
                                                  line("DELETED", "default/a", r3)});
  CHECK_FALSE(rec.ended());
}

TEST_CASE("watch_cache: a watch without resourceVersion gets ADDED for existing objects first") {
  watch_fixture f;
  auto r1 = f.create("default", "a");
  auto r2 = f.create("default", "b");
  REQUIRE(f.fresh(r2));
  recorder rec;
  f.watch({}, rec);
  REQUIRE(rec.await(2));
  auto r3 = f.update("default", "a");
  REQUIRE(rec.await(3));
  CHECK(rec.changes() == std::vector<std::string>{line("ADDED", "default/a", r1),
                                                  line("ADDED", "default/b", r2),
                                                  line("MODIFIED", "default/a", r3)});
}

TEST_CASE("watch_cache: namespace and name filters") {
  watch_fixture f;
  recorder in_ns, named;
  watch_request a;
  a.ns = "a";
  a.resource_version = f.cache->current_revision("", "configmaps");
  f.watch(a, in_ns);
  watch_request n = a;
  n.ns = "";
  n.name = "x";
  f.watch(n, named);
  f.create("b", "y");
  auto r2 = f.create("a", "y");
  auto r3 = f.create("b", "x");
  auto r4 = f.create("a", "x");
  REQUIRE(in_ns.await(2));
  REQUIRE(named.await(2));
  CHECK(in_ns.changes() ==
        std::vector<std::string>{line("ADDED", "a/y", r2), line("ADDED", "a/x", r4)});
  CHECK(named.changes() ==
        std::vector<std::string>{line("ADDED", "b/x", r3), line("ADDED", "a/x", r4)});
}

TEST_CASE("watch_cache: objects entering and leaving a selector are ADDED and DELETED") {
  watch_fixture f;
  auto r0 = f.create("default", "x", {{"app", "db"}});
  REQUIRE(f.fresh(r0));
  kactor::selectors::field_selector by_ns({{"metadata.namespace", false, "default"}});
  auto labels = kactor::selectors::parse_label_selector("app=web");
  REQUIRE(labels);
  watch_request req;
  req.labels = *labels;
  req.fields = by_ns;
  req.resource_version = r0;
  recorder rec;
  f.watch(req, rec);
  auto r1 = f.update("default", "x", {{"app", "web"}});        // enters
  auto r2 = f.update("default", "x", {{"app", "web"}}, "v3");  // stays
  auto r3 = f.update("default", "x", {{"app", "db"}});         // leaves
  f.update("default", "x", {{"app", "db"}}, "v5");             // not ours
  auto r5 = f.update("default", "x", {{"app", "web"}});        // enters again
  auto r6 = f.remove("default", "x");
  REQUIRE(rec.await(5));
  auto expected =
      std::vector<std::string>{line("ADDED", "default/x", r1), line("MODIFIED", "default/x", r2),
                               line("DELETED", "default/x", r3), line("ADDED", "default/x", r5),
                               line("DELETED", "default/x", r6)};
  CHECK(rec.changes() == expected);

  // The same changes replayed from the change log look the same.
  recorder replay;
  f.watch(req, replay);
  REQUIRE(replay.await(5));
  CHECK(replay.changes() == expected);
}

TEST_CASE("watch_cache: resuming from an older resourceVersion replays the missed changes once") {
  watch_fixture f;
  auto r0 = f.create("default", "a");
  std::vector<std::string> expected;
  for (int i = 0; i < 10; ++i) {
    auto name = kactor::state::testing::numbered("m", i);
    expected.push_back(line("ADDED", "default/" + name, f.create("default", name)));
  }
  REQUIRE(f.fresh(f.cache->known_revision()));
  watch_request req;
  req.resource_version = r0;
  recorder rec;
  f.watch(req, rec);
  // Live writes race with the catch-up read (pages of 3): each must still come exactly once.
  for (int i = 0; i < 10; ++i) {
    auto name = kactor::state::testing::numbered("l", i);
    expected.push_back(line("ADDED", "default/" + name, f.create("default", name)));
  }
  REQUIRE(rec.await(expected.size()));
  auto tail = f.update("default", "a");
  expected.push_back(line("MODIFIED", "default/a", tail));
  REQUIRE(rec.await(expected.size()));
  CHECK(rec.changes() == expected);
}

TEST_CASE("watch_cache: a compacted resourceVersion ends the watch with 410 Expired") {
  watch_fixture f;
  auto r1 = f.create("default", "a");
  f.update("default", "a");
  auto r3 = f.update("default", "a", {}, "v3");
  REQUIRE(f.fresh(r3));
  auto compacted = f.compact(r3);
  watch_request req;
  req.resource_version = r1;
  recorder rec;
  f.watch(req, rec);
  REQUIRE(rec.await_end());
  auto status = rec.error();
  CHECK(status.find("\"code\":410") != std::string::npos);
  CHECK(status.find("\"reason\":\"Expired\"") != std::string::npos);
  CHECK(status.find("too old resource version: " + std::to_string(r1) + " (" +
                    std::to_string(compacted) + ")") != std::string::npos);
  CHECK(rec.lines().empty());
}

TEST_CASE("watch_cache: bookmarks carry the current revision") {
  watch_fixture f;
  auto r1 = f.create("default", "a");
  REQUIRE(f.fresh(r1));
  watch_request req;
  req.bookmarks = true;
  req.resource_version = r1;
  recorder rec;
  f.watch(req, rec);
  REQUIRE(rec.await(1));
  CHECK(rec.lines().front() ==
        "BOOKMARK @" + std::to_string(f.cache->current_revision("", "configmaps")));
  auto r2 = f.create("default", "b");
  // A later bookmark is at least the revision of the change before it.
  bool seen = false;
  for (std::size_t n = 2; n < 200 && !seen; ++n) {
    REQUIRE(rec.await(n));
    auto last = rec.lines().back();
    seen = last.rfind("BOOKMARK @", 0) == 0 && std::stoull(last.substr(10)) >= r2;
  }
  CHECK(seen);

  recorder none;
  req.bookmarks = false;
  req.resource_version = f.cache->current_revision("", "configmaps");
  f.watch(req, none);
  auto r3 = f.create("default", "c");
  REQUIRE(none.await(1));
  CHECK(none.lines() == std::vector<std::string>{line("ADDED", "default/c", r3)});
}

TEST_CASE("watch_cache: the timeout ends the stream") {
  watch_fixture f;
  watch_request req;
  req.timeout = std::chrono::seconds(1);
  recorder rec;
  auto handle = f.watch(req, rec);
  REQUIRE(rec.await_end());
  CHECK(rec.error().empty());
  CHECK(f.await_gone(handle));
}

TEST_CASE("watch_cache: cancel and a failed write stop the watch") {
  watch_fixture f;
  recorder cancelled, refusing, witness;
  watch_request req;
  req.resource_version = f.cache->current_revision("", "configmaps");
  auto c = f.watch(req, cancelled);
  auto r = f.watch(req, refusing);
  f.watch(req, witness);
  c.cancel();
  CHECK(f.await_gone(c));
  refusing.refuse();
  f.create("default", "a");
  CHECK(f.await_gone(r));
  auto r2 = f.create("default", "b");
  REQUIRE(witness.await(2));
  CHECK(witness.changes().back() == line("ADDED", "default/b", r2));
  CHECK(cancelled.lines().empty());
  CHECK(refusing.lines().empty());
  CHECK_FALSE(cancelled.ended());
}

TEST_CASE("watch_cache: start_watch refuses unknown resources and unsupported fields") {
  watch_fixture f;
  recorder rec;
  watch_request req;
  req.resource = "nonsense";
  auto unknown = f.cache->start_watch(req, rec.sink());
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == 404);
  req.resource = "configmaps";
  req.fields = kactor::selectors::field_selector({{"spec.nodeName", false, "n"}});
  auto bad = f.cache->start_watch(req, rec.sink());
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == 400);
  CHECK(bad.error().message == "field label not supported: spec.nodeName");
}

TEST_CASE("watch_cache: 1000 concurrent watches each get the change") {
  watch_fixture f;
  constexpr int watches = 1000;
  std::atomic<int> written{0};
  std::vector<std::atomic<int>> per_watch(watches);
  std::mutex mutex;
  std::condition_variable all;
  std::vector<watch_handle> handles;
  watch_request req;
  req.resource = "configmaps";
  req.ns = "default";
  req.resource_version = f.cache->current_revision("", "configmaps");
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < watches; ++i) {
    watch_sink s;
    s.encode = [](std::string_view type, const google::protobuf::Message&) {
      return std::string{type};
    };
    s.write = [&, i](std::string) {
      ++per_watch[i];
      if (++written == watches) {
        std::lock_guard lock(mutex);
        all.notify_all();
      }
      return true;
    };
    s.end = [] {};
    s.error = [](std::string) {};
    auto h = f.cache->start_watch(req, std::move(s));
    REQUIRE_MESSAGE(h, (h ? "" : h.error().message));
    handles.push_back(*h);
  }
  auto t1 = std::chrono::steady_clock::now();
  f.create("default", "a");
  {
    std::unique_lock lock(mutex);
    CHECK(all.wait_for(lock, 60s, [&] { return written.load() >= watches; }));
  }
  auto t2 = std::chrono::steady_clock::now();
  using ms = std::chrono::milliseconds;
  MESSAGE("1000 watches: start " << std::chrono::duration_cast<ms>(t1 - t0).count()
                                 << " ms, one create reached all in "
                                 << std::chrono::duration_cast<ms>(t2 - t1).count() << " ms");
  for (auto& h : handles)
    h.cancel();
  for (auto& h : handles)
    CHECK(f.await_gone(h));
  CHECK(written.load() == watches);
  CHECK(std::all_of(per_watch.begin(), per_watch.end(), [](auto& n) { return n.load() == 1; }));
}
