#include "storage/lmdb.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "storage/testing/temp_dir.hpp"

namespace kactor::storage::lmdb {

namespace {

env open_env(const std::filesystem::path& dir, std::uint64_t map_bytes = 1 << 20) {
  auto opened = env::open({dir, map_bytes});
  REQUIRE_MESSAGE(opened, describe(opened.error()));
  return std::move(opened).value();
}

}  // namespace

TEST_CASE("lmdb: committed writes are visible to later transactions, aborted ones are not") {
  testing::temp_dir dir;
  auto environment = open_env(dir.path());
  {
    auto tx = txn::begin(environment, true);
    REQUIRE(tx);
    auto t = tx->open_table("t", true);
    REQUIRE(t);
    REQUIRE(tx->put(*t, "a", "1"));
    REQUIRE(tx->put(*t, "b", "2"));
    REQUIRE(tx->commit());
  }
  {
    auto tx = txn::begin(environment, true);
    auto t = tx->open_table("t", false);
    REQUIRE(tx->put(*t, "c", "3"));
    CHECK(*tx->remove(*t, "a"));
    CHECK_FALSE(*tx->remove(*t, "zz"));
    tx->abort();
  }
  auto tx = txn::begin(environment, false);
  REQUIRE(tx);
  auto t = tx->open_table("t", false);
  REQUIRE(t);
  CHECK(**tx->get(*t, "a") == "1");
  CHECK_FALSE(tx->get(*t, "c")->has_value());
  CHECK(*tx->size(*t) == 2);
  CHECK(tx->open_table("missing", false).code() == error_code::not_found);
}

TEST_CASE("lmdb: cursor seeks and walks in key order") {
  testing::temp_dir dir;
  auto environment = open_env(dir.path());
  auto tx = txn::begin(environment, true);
  auto t = *tx->open_table("t", true);
  for (auto key : {"b", "d", "f"})
    REQUIRE(tx->put(t, key, std::string("v") + key));
  auto c = cursor::open(*tx, t);
  REQUIRE(c);
  CHECK((*c->seek("c"))->first == "d");
  CHECK((*c->next())->first == "f");
  CHECK_FALSE(c->next()->has_value());
  CHECK((*c->seek_before("d"))->first == "b");
  CHECK((*c->seek_before("zzz"))->first == "f");
  CHECK_FALSE(c->seek_before("a")->has_value());
  CHECK_FALSE(c->seek("g")->has_value());
  CHECK((*c->seek(""))->first == "b");
  CHECK_FALSE(c->seek_before("")->has_value());
  CHECK((*c->first())->second == "vb");
  CHECK((*c->last())->first == "f");

  // After removing the current entry, next() yields the entry that followed it.
  REQUIRE(c->seek("d")->has_value());
  REQUIRE(c->remove_current());
  CHECK((*c->next())->first == "f");
  CHECK(*tx->size(t) == 2);
}

TEST_CASE("lmdb: a full map gives storage_full and growing it lets the write through") {
  testing::temp_dir dir;
  auto environment = open_env(dir.path(), 64 * 1024);
  std::string value(1024, 'x');
  auto fill = [&]() -> status {
    auto tx = txn::begin(environment, true);
    if (!tx) return tx.error();
    auto t = tx->open_table("t", true);
    for (int i = 0; i < 200; ++i)
      if (auto st = tx->put(*t, "key-" + std::to_string(i), value); !st) return st;
    return tx->commit();
  };
  auto first = fill();
  REQUIRE_FALSE(first);
  CHECK(first.code() == error_code::storage_full);
  REQUIRE(environment.set_map_size(1 << 20));
  CHECK(fill());
  CHECK(environment.info()->map_bytes == 1 << 20);
}

TEST_CASE("lmdb: a file that is not LMDB is reported as corrupt") {
  testing::temp_dir dir;
  {
    std::ofstream out(dir / "data.mdb", std::ios::binary);
    out << std::string(16384, 'G');
  }
  auto opened = env::open({dir.path(), 1 << 20});
  REQUIRE_FALSE(opened);
  CHECK(opened.code() == error_code::corrupt);
  CHECK(opened.error().message.find(dir.path().string()) != std::string::npos);
}

TEST_CASE("lmdb: a missing directory is unavailable, not corrupt") {
  testing::temp_dir dir;
  auto opened = env::open({dir / "nope", 1 << 20});
  REQUIRE_FALSE(opened);
  CHECK(opened.code() == error_code::unavailable);
}

}  // namespace kactor::storage::lmdb
