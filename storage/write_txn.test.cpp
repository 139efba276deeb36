#include "storage/write_txn.hpp"

#include <doctest/doctest.h>

#include "storage/store.hpp"
#include "storage/testing/fixture.hpp"

namespace kactor::storage {

using testing::must_apply;

namespace {

struct fixture {
  testing::temp_dir dir;
  testing::fake_clock clock;
  std::unique_ptr<store> db = testing::open_store(testing::options_for(dir.path(), clock));
};

constexpr const char* pod_a = "/registry/pods/default/a";
constexpr const char* pod_b = "/registry/pods/default/b";

}  // namespace

TEST_CASE("a fresh store is at revision 1 and each write takes the next revision") {
  fixture f;
  CHECK(f.db->stats()->current == 1);
  auto created = must_apply(*f.db, create_request(pod_a, "v1"));
  CHECK(created.rev == 2);
  REQUIRE(created.events.size() == 1);
  CHECK(created.events[0].kv == key_value{pod_a, 2, 2, 1, "v1"});
  CHECK_FALSE(created.events[0].prev);

  auto updated = must_apply(*f.db, update_request(pod_a, "v2", revision{2}));
  CHECK(updated.rev == 3);
  CHECK(updated.events[0].kv == key_value{pod_a, 2, 3, 2, "v2"});
  CHECK(updated.events[0].prev == key_value{pod_a, 2, 2, 1, "v1"});
  CHECK(f.db->get(pod_a)->value == "v2");
  CHECK(f.db->stats()->object_count == 1);
}

TEST_CASE("create of a live key fails with already_exists and changes nothing") {
  fixture f;
  must_apply(*f.db, create_request(pod_a, "v1"));
  auto again = f.db->apply(create_request(pod_a, "other"));
  REQUIRE_FALSE(again);
  CHECK(again.code() == error_code::already_exists);
  CHECK(f.db->stats()->current == 2);
  CHECK(f.db->get(pod_a)->value == "v1");

  // After a delete the key can be created again, as a new incarnation.
  must_apply(*f.db, remove_request(pod_a));
  auto recreated = must_apply(*f.db, create_request(pod_a, "v3"));
  CHECK(recreated.events[0].kv == key_value{pod_a, 4, 4, 1, "v3"});
}

TEST_CASE("update and delete preconditions: not_found when absent, conflict on stale revision") {
  fixture f;
  CHECK(f.db->apply(update_request(pod_a, "v")).code() == error_code::not_found);
  CHECK(f.db->apply(update_request(pod_a, "v", revision{2})).code() == error_code::not_found);
  CHECK(f.db->apply(remove_request(pod_a)).code() == error_code::not_found);

  must_apply(*f.db, create_request(pod_a, "v1"));  // rev 2
  must_apply(*f.db, update_request(pod_a, "v2"));  // rev 3
  auto stale = f.db->apply(update_request(pod_a, "v3", revision{2}));
  REQUIRE_FALSE(stale);
  CHECK(stale.code() == error_code::conflict);
  CHECK(stale.error().message.find("mod revision 3, expected 2") != std::string::npos);
  CHECK(f.db->apply(remove_request(pod_a, revision{2})).code() == error_code::conflict);
  CHECK(f.db->get(pod_a)->value == "v2");

  auto removed = must_apply(*f.db, remove_request(pod_a, revision{3}));
  CHECK(removed.rev == 4);
  CHECK(removed.events[0].type == event::kind::remove);
  CHECK(removed.events[0].kv == key_value{pod_a, 0, 4, 0, ""});
  CHECK(removed.events[0].prev == key_value{pod_a, 2, 3, 2, "v2"});
  CHECK(f.db->get(pod_a).code() == error_code::not_found);
  CHECK(f.db->stats()->object_count == 0);
}

TEST_CASE("a transaction applies all its operations at one revision or none of them") {
  fixture f;
  must_apply(*f.db, create_request(pod_a, "a1"));  // rev 2

  write_request txn;
  txn.compares = {{pod_a, compare::kind::mod_revision, 2}, {pod_b, compare::kind::absent, 0}};
  txn.ops = {{operation::kind::put, pod_b, "b1"}, {operation::kind::remove, pod_a, {}}};
  auto done = must_apply(*f.db, txn);
  CHECK(done.rev == 3);
  REQUIRE(done.events.size() == 2);
  CHECK(done.events[0].kv.mod_revision == 3);
  CHECK(done.events[1].kv.mod_revision == 3);
  CHECK(f.db->get(pod_a).code() == error_code::not_found);
  CHECK(f.db->get(pod_b)->value == "b1");

  SUBCASE("one failing compare: nothing applied") {
    write_request cas;
    cas.compares = {{pod_b, compare::kind::mod_revision, 3}, {pod_a, compare::kind::exists, 0}};
    cas.ops = {{operation::kind::put, pod_b, "b2"}};
    CHECK(f.db->apply(cas).code() == error_code::not_found);
    CHECK(f.db->get(pod_b)->value == "b1");
  }
  SUBCASE("a remove of an absent key fails the whole transaction, even after a valid put") {
    write_request both;
    both.ops = {{operation::kind::put, pod_b, "b2"}, {operation::kind::remove, pod_a, {}}};
    CHECK(f.db->apply(both).code() == error_code::not_found);
    CHECK(f.db->get(pod_b)->value == "b1");
  }
  CHECK(f.db->stats()->current == 3);
}

TEST_CASE("oversized and malformed requests are rejected before touching the store") {
  fixture f;
  std::string key = "/registry/configmaps/default/big";
  auto big = f.db->apply(put_request(key, std::string(1536 * 1024, 'x')));
  REQUIRE_FALSE(big);
  CHECK(big.code() == error_code::too_large);
  CHECK(f.db->apply(put_request("", "x")).code() == error_code::invalid);
  CHECK(f.db->stats()->current == 1);
  // The largest allowed request goes through.
  must_apply(*f.db, put_request(key, std::string(1536 * 1024 - key.size(), 'x')));
  CHECK(f.db->get(key)->value.size() == 1536 * 1024 - key.size());
}

TEST_CASE("commit times never go backwards along revisions") {
  testing::temp_dir dir;
  testing::fake_clock clock;
  auto db = testing::open_store(testing::options_for(dir.path(), clock));
  auto start_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(clock.function()().time_since_epoch())
          .count();
  must_apply(*db, put_request("/k", "1"));
  clock.advance(-std::chrono::hours(1));
  std::int64_t first = 0;
  std::int64_t second = 0;
  REQUIRE(db->update([&](write_txn& tx) -> status {
    first = tx.commit_time_ns();
    return {};
  }));
  clock.advance(std::chrono::hours(2));
  REQUIRE(db->update([&](write_txn& tx) -> status {
    second = tx.commit_time_ns();
    return {};
  }));
  CHECK(first == start_ns);
  CHECK(second > first);
}

TEST_CASE("update(fn) commits only when fn succeeds") {
  fixture f;
  auto failed = f.db->update([](write_txn& tx) -> status {
    if (auto done = tx.apply(put_request(pod_a, "x")); !done) return done.error();
    return make_error(error_code::invalid, "changed my mind");
  });
  CHECK(failed.code() == error_code::invalid);
  CHECK(f.db->get(pod_a).code() == error_code::not_found);
  CHECK(f.db->stats()->current == 1);

  REQUIRE(f.db->update([](write_txn& tx) -> status {
    for (auto key : {pod_a, pod_b})
      if (auto done = tx.apply(put_request(key, "x")); !done) return done.error();
    return {};
  }));
  CHECK(f.db->stats()->current == 3);
  CHECK(f.db->stats()->object_count == 2);
}

}  // namespace kactor::storage
