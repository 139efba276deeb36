#include "storage/history.hpp"

#include <doctest/doctest.h>

#include "storage/testing/temp_dir.hpp"

namespace kactor::storage::history {

TEST_CASE("find returns the latest version at or below a revision, tombstones included") {
  testing::temp_dir dir;
  auto environment = lmdb::env::open({dir.path(), 1 << 20, 4});
  REQUIRE(environment);
  auto tx = lmdb::txn::begin(*environment, true);
  auto table = tx->open_table("history", true);
  REQUIRE(table);
  auto put = [&](std::string_view key, revision rev, bool deleted, std::string_view value) {
    REQUIRE(tx->put(*table, encoding::history_key(key, rev),
                    encoding::encode_version({deleted, 2, 1, value})));
  };
  put("/a", 2, false, "a2");
  put("/a", 5, false, "a5");
  put("/a", 7, true, {});
  put("/a-b", 3, false, "ab3");
  put("/b", 1, false, "b1");
  auto c = lmdb::cursor::open(*tx, *table);
  REQUIRE(c);

  CHECK_FALSE(find(*c, "/a", 1)->has_value());
  CHECK((*find(*c, "/a", 2))->record.value == "a2");
  CHECK((*find(*c, "/a", 4))->rev == 2);
  CHECK((*find(*c, "/a", 6))->record.value == "a5");
  CHECK((*find(*c, "/a", 7))->record.deleted);
  CHECK((*find(*c, "/a", 100))->rev == 7);
  CHECK_FALSE(find_live(*c, "/a", 7)->has_value());
  CHECK((*find_live(*c, "/a", 6))->rev == 5);
  // Neighbouring keys never leak into each other.
  CHECK_FALSE(find(*c, "/a-", 10)->has_value());
  CHECK((*find(*c, "/a-b", 10))->record.value == "ab3");
  CHECK_FALSE(find(*c, "/", 10)->has_value());
  CHECK_FALSE(find(*c, "/c", 10)->has_value());

  auto kv = to_key_value("/a", **find(*c, "/a", 5));
  CHECK(kv == key_value{"/a", 2, 5, 1, "a5"});
}

}  // namespace kactor::storage::history
