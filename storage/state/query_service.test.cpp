#include "storage/state/query_service.hpp"

#include <doctest/doctest.h>

#include "kactor/bus.pb.h"
#include "kactor/state.pb.h"
#include "storage/state/state_verbs.hpp"
#include "storage/state/testing/objects.hpp"
#include "storage/testing/fixture.hpp"

namespace kactor::state {

namespace {

using namespace kactor::state::testing;
using storage::testing::must_apply;
namespace v1 = kactor::bus::v1;

struct fixture {
  storage::testing::temp_dir dir;
  storage::testing::fake_clock clock;
  std::unique_ptr<storage::store> db =
      storage::testing::open_store(storage::testing::options_for(dir.path(), clock));
  query_options options = [] {
    query_options o;
    o.version = "0.1.0-test";
    o.epoch = 99;
    return o;
  }();
  query_service service{*db, keys(), options};

  storage::revision create_pod(const std::string& ns, const std::string& name,
                               const std::string& image = "host:v1") {
    return must_apply(*db, storage::create_request("/registry/pods/" + ns + "/" + name,
                                                   pod(ns, name, "", image)))
        .rev;
  }

  template <class Reply, class Request>
  Reply ask(std::string_view verb, const Request& request) {
    auto bytes = service.handle(verb, request.SerializeAsString());
    REQUIRE(bytes);
    Reply reply;
    REQUIRE(reply.ParseFromString(*bytes));
    return reply;
  }
};

v1::ObjectRef ref(std::string group, std::string resource, std::string ns, std::string name) {
  v1::ObjectRef r;
  r.set_group(group);
  r.set_resource(resource);
  r.set_namespace_(ns);
  r.set_name(name);
  return r;
}

v1::GetRequest get_request(std::string ns, std::string name, std::uint64_t rev = 0) {
  v1::GetRequest req;
  *req.mutable_ref() = ref("", "pods", ns, name);
  req.set_revision(rev);
  return req;
}

}  // namespace

TEST_CASE_FIXTURE(fixture,
                  "get answers the object with its resourceVersion, at any retained revision") {
  auto r1 = create_pod("default", "web", "host:v1");
  auto r2 = must_apply(*db, storage::update_request("/registry/pods/default/web",
                                                    pod("default", "web", "", "host:v2")))
                .rev;
  auto now = ask<v1::GetReply>(verbs::get, get_request("default", "web"));
  CHECK(now.error().code() == v1::Error::CODE_UNSPECIFIED);
  CHECK(now.mod_revision() == r2);
  CHECK(now.revision() == r2);
  CHECK(rv_of(now.object()) == std::to_string(r2));
  CHECK(image_of(now.object()) == "host:v2");

  auto before = ask<v1::GetReply>(verbs::get, get_request("default", "web", r1));
  CHECK(before.mod_revision() == r1);
  CHECK(before.revision() == r1);
  CHECK(image_of(before.object()) == "host:v1");
  CHECK(rv_of(before.object()) == std::to_string(r1));
}

TEST_CASE_FIXTURE(fixture, "get fails with typed errors") {
  auto r1 = create_pod("default", "web");
  CHECK(ask<v1::GetReply>(verbs::get, get_request("default", "db")).error().code() ==
        v1::Error::NOT_FOUND);
  CHECK(ask<v1::GetReply>(verbs::get, get_request("default", "web", r1 + 5)).error().code() ==
        v1::Error::NOT_FOUND);
  auto bad = ask<v1::GetReply>(verbs::get, get_request("", "web"));
  CHECK(bad.error().code() == v1::Error::INVALID);
  CHECK(bad.error().message().find("namespace is missing") != std::string::npos);

  auto malformed = service.get("\xff\xff");
  v1::GetReply reply;
  REQUIRE(reply.ParseFromString(malformed));
  CHECK(reply.error().code() == v1::Error::INVALID);
  CHECK(reply.error().message() == "malformed GetRequest");

  create_pod("default", "db");
  v1::CompactRequest compact;
  compact.set_revision(r1 + 1);
  CHECK(ask<v1::CompactReply>(verbs::compact, compact).compacted_revision() == r1 + 1);
  auto old = ask<v1::GetReply>(verbs::get, get_request("default", "web", r1));
  CHECK(old.error().code() == v1::Error::COMPACTED);
  CHECK(old.error().revision() == r1 + 1);
}

TEST_CASE_FIXTURE(fixture, "list pages by limit and continue token over one snapshot") {
  for (int i = 0; i < 5; ++i)
    create_pod("default", numbered("p", i));
  create_pod("other", "x");
  v1::ListRequest req;
  req.set_resource("pods");
  req.set_namespace_("default");
  req.set_limit(2);
  auto page1 = ask<v1::ListReply>(verbs::list, req);
  REQUIRE(page1.items_size() == 2);
  CHECK_FALSE(page1.continue_token().empty());
  CHECK(rv_of(page1.items(0).object()) == std::to_string(page1.items(0).mod_revision()));
  auto snapshot = page1.revision();

  create_pod("default", "p9");  // after the snapshot: not in this listing
  std::vector<std::string> names;
  for (const auto& item : page1.items())
    names.push_back(parse_pod(item.object()).metadata().name());
  req.set_continue_token(page1.continue_token());
  while (!req.continue_token().empty()) {
    auto page = ask<v1::ListReply>(verbs::list, req);
    REQUIRE(page.error().code() == v1::Error::CODE_UNSPECIFIED);
    CHECK(page.revision() == snapshot);
    for (const auto& item : page.items())
      names.push_back(parse_pod(item.object()).metadata().name());
    req.set_continue_token(page.continue_token());
  }
  CHECK(names == std::vector<std::string>{"p0", "p1", "p2", "p3", "p4"});

  v1::ListRequest all;
  all.set_resource("pods");
  CHECK(ask<v1::ListReply>(verbs::list, all).items_size() == 7);
  all.set_resource("widgets");
  CHECK(ask<v1::ListReply>(verbs::list, all).error().code() == v1::Error::INVALID);
}

TEST_CASE_FIXTURE(fixture, "a list page ends at the reply budget and continues where it ended") {
  service = query_service(*db, keys(), [&] {
    auto o = options;
    o.reply_budget_bytes = 1000;
    return o;
  }());
  std::string big(400, 'x');
  for (int i = 0; i < 5; ++i)
    create_pod("default", numbered("p", i), big);
  v1::ListRequest req;
  req.set_resource("pods");
  int pages = 0, items = 0;
  do {
    auto page = ask<v1::ListReply>(verbs::list, req);
    REQUIRE(page.error().code() == v1::Error::CODE_UNSPECIFIED);
    CHECK(page.items_size() >= 1);
    CHECK(page.items_size() <= 2);
    items += page.items_size();
    ++pages;
    req.set_continue_token(page.continue_token());
  } while (!req.continue_token().empty());
  CHECK(items == 5);
  CHECK(pages >= 3);
}

TEST_CASE_FIXTURE(fixture, "range lists raw keys, with or without values") {
  create_pod("default", "a");
  must_apply(
      *db, storage::create_request("/registry/deployments/default/d", deployment("default", "d")));
  v1::RangeRequest req;
  req.set_prefix("/registry/");
  req.set_keys_only(true);
  auto keys_only = ask<v1::RangeReply>(verbs::range, req);
  REQUIRE(keys_only.kvs_size() == 2);
  CHECK(keys_only.kvs(0).key() == "/registry/deployments/default/d");
  CHECK(keys_only.kvs(1).key() == "/registry/pods/default/a");
  CHECK(keys_only.kvs(1).value().empty());
  CHECK(keys_only.kvs(1).version() == 1);
  req.set_keys_only(false);
  req.set_prefix("/registry/pods/");
  auto with_values = ask<v1::RangeReply>(verbs::range, req);
  REQUIRE(with_values.kvs_size() == 1);
  CHECK(rv_of(with_values.kvs(0).value()) == std::to_string(with_values.kvs(0).mod_revision()));
}

TEST_CASE_FIXTURE(fixture,
                  "status reports revision, compaction, size, objects, version and epoch") {
  create_pod("default", "a");
  auto rev = create_pod("default", "b");
  auto status = ask<v1::StatusReply>(verbs::status, v1::StatusRequest{});
  CHECK(status.revision() == rev);
  CHECK(status.compacted_revision() == 0);
  CHECK(status.keys() == 2);
  CHECK(status.db_size_bytes() > 0);
  CHECK(status.version() == "0.1.0-test");
  CHECK(status.epoch() == 99);
}

TEST_CASE_FIXTURE(fixture, "compact by revision and by window") {
  auto r1 = create_pod("default", "a");
  clock.advance(std::chrono::minutes(10));
  auto r2 = create_pod("default", "b");
  v1::CompactRequest future;
  future.set_revision(r2 + 10);
  CHECK(ask<v1::CompactReply>(verbs::compact, future).error().code() == v1::Error::INVALID);
  v1::CompactRequest by_window;  // revision 0: older than 5 minutes
  CHECK(ask<v1::CompactReply>(verbs::compact, by_window).compacted_revision() == r1);
  v1::CompactRequest to_r2;
  to_r2.set_revision(r2);
  CHECK(ask<v1::CompactReply>(verbs::compact, to_r2).compacted_revision() == r2);
}

TEST_CASE_FIXTURE(fixture, "history lists every retained version and the deletion") {
  auto r1 = create_pod("default", "a", "host:v1");
  auto r2 = must_apply(*db, storage::update_request("/registry/pods/default/a",
                                                    pod("default", "a", "", "host:v2")))
                .rev;
  auto r3 = must_apply(*db, storage::remove_request("/registry/pods/default/a")).rev;
  v1::HistoryRequest req;
  *req.mutable_ref() = ref("", "pods", "default", "a");
  auto reply = ask<v1::HistoryReply>(verbs::history, req);
  REQUIRE(reply.entries_size() == 3);
  CHECK(reply.entries(0).mod_revision() == r1);
  CHECK(image_of(reply.entries(0).object()) == "host:v1");
  CHECK(reply.entries(1).mod_revision() == r2);
  CHECK(reply.entries(1).version() == 2);
  CHECK(rv_of(reply.entries(1).object()) == std::to_string(r2));
  CHECK(reply.entries(2).deleted());
  CHECK(reply.entries(2).mod_revision() == r3);
  CHECK(reply.revision() == r3);
}

TEST_CASE_FIXTURE(fixture, "watch-from returns the changes of one resource after a revision") {
  auto r1 = create_pod("default", "a");
  must_apply(
      *db, storage::create_request("/registry/deployments/default/d", deployment("default", "d")));
  auto r3 = must_apply(*db, storage::update_request("/registry/pods/default/a",
                                                    pod("default", "a", "", "host:v2")))
                .rev;
  auto r4 = must_apply(*db, storage::remove_request("/registry/pods/default/a")).rev;
  v1::WatchFromRequest req;
  req.set_resource("pods");
  req.set_after_revision(r1 - 1);
  auto reply = ask<v1::WatchFromReply>(verbs::watch_from, req);
  REQUIRE(reply.error().code() == v1::Error::CODE_UNSPECIFIED);
  REQUIRE(reply.events_size() == 3);
  CHECK(reply.events(0).type() == v1::WatchEvent::ADDED);
  CHECK(reply.events(0).revision() == r1);
  CHECK(reply.events(1).type() == v1::WatchEvent::MODIFIED);
  CHECK(reply.events(1).revision() == r3);
  CHECK(reply.events(2).type() == v1::WatchEvent::DELETED);
  CHECK(reply.events(2).revision() == r4);
  CHECK(rv_of(reply.events(2).object()) == std::to_string(r4));
  for (const auto& ev : reply.events())
    CHECK(ev.sequence() == 0);
  CHECK_FALSE(reply.more());
  CHECK(reply.revision() == r4);

  v1::WatchFromRequest everything;
  everything.set_after_revision(r1 - 1);
  CHECK(ask<v1::WatchFromReply>(verbs::watch_from, everything).events_size() == 4);
  everything.set_namespace_("default");
  CHECK(ask<v1::WatchFromReply>(verbs::watch_from, everything).error().code() ==
        v1::Error::INVALID);
}

TEST_CASE_FIXTURE(fixture, "watch-from pages never split a revision") {
  // The example of catch_up.hpp: 11 pod a, 12 service, 13 pods b + c in one txn, 14 pod d.
  auto start = db->stats()->current;
  create_pod("default", "a");
  must_apply(
      *db, storage::create_request("/registry/deployments/default/s", deployment("default", "s")));
  storage::write_request txn;
  txn.ops.push_back(
      {storage::operation::kind::put, "/registry/pods/default/b", pod("default", "b")});
  txn.ops.push_back(
      {storage::operation::kind::put, "/registry/pods/default/c", pod("default", "c")});
  auto r13 = must_apply(*db, txn).rev;
  auto r14 = create_pod("default", "d");
  v1::WatchFromRequest req;
  req.set_resource("pods");
  req.set_after_revision(start);
  req.set_limit(2);
  auto page1 = ask<v1::WatchFromReply>(verbs::watch_from, req);
  REQUIRE(page1.events_size() == 3);
  CHECK(page1.events(1).revision() == r13);
  CHECK(page1.events(2).revision() == r13);
  CHECK(page1.more());
  req.set_after_revision(r13);
  auto page2 = ask<v1::WatchFromReply>(verbs::watch_from, req);
  REQUIRE(page2.events_size() == 1);
  CHECK(page2.events(0).revision() == r14);
  CHECK_FALSE(page2.more());
}

TEST_CASE_FIXTURE(fixture, "a sparse watch-from ends with a bookmark so the next page moves on") {
  service = query_service(*db, keys(), [&] {
    auto o = options;
    o.max_watch_scan = 3;
    return o;
  }());
  auto start = db->stats()->current;
  for (int i = 0; i < 10; ++i)
    must_apply(*db, storage::create_request(numbered("/registry/deployments/default/d", i),
                                            deployment("default", numbered("d", i))));
  auto last = create_pod("default", "a");
  v1::WatchFromRequest req;
  req.set_resource("pods");
  req.set_after_revision(start);
  std::vector<v1::WatchEvent> seen;
  for (int pages = 0; pages < 20; ++pages) {
    auto page = ask<v1::WatchFromReply>(verbs::watch_from, req);
    REQUIRE(page.error().code() == v1::Error::CODE_UNSPECIFIED);
    for (const auto& ev : page.events())
      seen.push_back(ev);
    if (!page.more()) break;
    REQUIRE(page.events_size() > 0);
    CHECK(page.events(page.events_size() - 1).revision() > req.after_revision());
    req.set_after_revision(page.events(page.events_size() - 1).revision());
  }
  REQUIRE_FALSE(seen.empty());
  CHECK(seen.back().type() == v1::WatchEvent::ADDED);
  CHECK(seen.back().revision() == last);
  for (std::size_t i = 0; i + 1 < seen.size(); ++i)
    CHECK(seen[i].type() == v1::WatchEvent::BOOKMARK);
}

TEST_CASE_FIXTURE(fixture,
                  "watch-from a compacted revision is COMPACTED with the oldest revision") {
  auto r1 = create_pod("default", "a");
  auto r2 = create_pod("default", "b");
  create_pod("default", "c");
  v1::CompactRequest compact;
  compact.set_revision(r2);
  ask<v1::CompactReply>(verbs::compact, compact);
  v1::WatchFromRequest req;
  req.set_resource("pods");
  req.set_after_revision(r1);
  auto reply = ask<v1::WatchFromReply>(verbs::watch_from, req);
  CHECK(reply.error().code() == v1::Error::COMPACTED);
  CHECK(reply.error().revision() == r2);
  req.set_after_revision(r2);  // resuming from the compacted revision itself still works
  auto resumed = ask<v1::WatchFromReply>(verbs::watch_from, req);
  CHECK(resumed.error().code() == v1::Error::CODE_UNSPECIFIED);
  CHECK(resumed.events_size() == 1);
}

}  // namespace kactor::state
