#include "storage/change_log.hpp"

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

}  // namespace

TEST_CASE("the change log replays every change after a revision, with previous values") {
  fixture f;
  must_apply(*f.db, create_request("/a", "a1"));  // 2
  write_request txn;                              // 3: two operations
  txn.ops = {{operation::kind::put, "/b", "b1"}, {operation::kind::put, "/a", "a2"}};
  must_apply(*f.db, txn);
  must_apply(*f.db, remove_request("/b"));  // 4

  auto all = f.db->changes_after(0, 0);
  REQUIRE(all);
  CHECK(all->through == 4);
  CHECK_FALSE(all->more);
  REQUIRE(all->events.size() == 4);
  CHECK(all->events[0] == event{event::kind::put, {"/a", 2, 2, 1, "a1"}, std::nullopt});
  CHECK(all->events[1] == event{event::kind::put, {"/b", 3, 3, 1, "b1"}, std::nullopt});
  CHECK(all->events[2] ==
        event{event::kind::put, {"/a", 2, 3, 2, "a2"}, key_value{"/a", 2, 2, 1, "a1"}});
  CHECK(all->events[3] ==
        event{event::kind::remove, {"/b", 0, 4, 0, ""}, key_value{"/b", 3, 3, 1, "b1"}});

  // The events of a write are exactly what the write reported.
  auto since3 = f.db->changes_after(3, 0);
  REQUIRE(since3->events.size() == 1);
  CHECK(since3->events[0].type == event::kind::remove);

  auto none = f.db->changes_after(4, 0);
  REQUIRE(none);
  CHECK(none->events.empty());
  CHECK(none->through == 4);
}

TEST_CASE("change batches are bounded but never split a revision") {
  fixture f;
  must_apply(*f.db, put_request("/a", "1"));  // 2
  write_request txn;                          // 3: two operations
  txn.ops = {{operation::kind::put, "/b", "1"}, {operation::kind::put, "/c", "1"}};
  must_apply(*f.db, txn);
  must_apply(*f.db, put_request("/a", "2"));  // 4

  auto first = f.db->changes_after(1, 2);
  REQUIRE(first);
  CHECK(first->events.size() == 3);  // revision 2, then all of revision 3
  CHECK(first->through == 3);
  CHECK(first->more);
  auto second = f.db->changes_after(first->through, 2);
  REQUIRE(second->events.size() == 1);
  CHECK(second->events[0].kv.mod_revision == 4);
  CHECK(second->through == 4);
  CHECK_FALSE(second->more);
}

TEST_CASE("resuming beyond the current revision is future_revision") {
  fixture f;
  must_apply(*f.db, put_request("/a", "1"));
  auto future = f.db->changes_after(3, 0);
  REQUIRE_FALSE(future);
  CHECK(future.code() == error_code::future_revision);
}

}  // namespace kactor::storage
