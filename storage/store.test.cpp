#include "storage/store.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "storage/lmdb.hpp"
#include "storage/testing/fixture.hpp"

namespace kactor::storage {

using testing::must_apply;

namespace {

// Overwrites one meta key of a closed store through the raw LMDB layer.
void poke_meta(const std::filesystem::path& dir, std::string_view key, std::string_view value) {
  auto environment = lmdb::env::open({dir, 0, 4});
  REQUIRE(environment);
  auto tx = lmdb::txn::begin(*environment, true);
  REQUIRE(tx);
  auto meta = tx->open_table("meta", false);
  REQUIRE(meta);
  REQUIRE(tx->put(*meta, key, value));
  REQUIRE(tx->commit());
}

}  // namespace

TEST_CASE("reopening a store keeps revision, content, history and counters") {
  testing::temp_dir dir;
  testing::fake_clock clock;
  auto options = testing::options_for(dir.path(), clock);
  {
    auto db = testing::open_store(options);
    must_apply(*db, create_request("/registry/pods/ns/a", "a1"));
    must_apply(*db, create_request("/registry/pods/ns/b", "b1"));
    must_apply(*db, update_request("/registry/pods/ns/a", "a2"));
    must_apply(*db, remove_request("/registry/pods/ns/b"));
    REQUIRE(db->compact_to(3, 100));
  }
  auto db = testing::open_store(options);
  auto stats = db->stats();
  REQUIRE(stats);
  CHECK(stats->current == 5);
  CHECK(stats->compacted == 3);
  CHECK(stats->object_count == 1);
  CHECK(stats->db_bytes > 0);
  CHECK(db->get("/registry/pods/ns/a")->value == "a2");
  CHECK(db->get("/registry/pods/ns/b", 3)->value == "b1");
  CHECK(db->changes_after(3, 0)->events.size() == 2);
  CHECK(must_apply(*db, put_request("/x", "1")).rev == 6);
}

TEST_CASE("a full map grows, and at the maximum writes fail cleanly with storage_full") {
  testing::temp_dir dir;
  testing::fake_clock clock;
  auto options = testing::options_for(dir.path(), clock);
  options.initial_map_bytes = 256 << 10;
  options.max_map_bytes = 2 << 20;
  std::vector<std::string> written;
  {
    auto db = testing::open_store(options);
    std::string value(100 << 10, 'v');
    std::optional<error> failure;
    for (int i = 0; i < 100 && !failure; ++i) {
      auto key = "/registry/configmaps/ns/c" + std::to_string(i);
      auto done = db->apply(create_request(key, value));
      if (done)
        written.push_back(key);
      else
        failure = done.error();
    }
    REQUIRE(failure);
    CHECK(failure->code == error_code::storage_full);
    CHECK(written.size() >= 10);  // grew from 256 KiB well past what fits initially
    CHECK(db->stats()->map_bytes == options.max_map_bytes);
    // The store still serves reads and small writes may still fit.
    CHECK(db->range({"/registry/configmaps/", 0, 0, {}})->kvs.size() == written.size());
    auto again = db->apply(create_request("/registry/configmaps/ns/big", value));
    CHECK(again.code() == error_code::storage_full);
  }
  // Nothing was corrupted: everything acknowledged is there after a reopen.
  auto db = testing::open_store(options);
  CHECK(db->stats()->current == written.size() + 1);
  for (const auto& key : written)
    CHECK(db->get(key)->value.size() == 100 << 10);
  CHECK(db->get("/registry/configmaps/ns/big").code() == error_code::not_found);
}

TEST_CASE("map growth waits for read views and gives up with unavailable after resize_wait") {
  testing::temp_dir dir;
  testing::fake_clock clock;
  auto options = testing::options_for(dir.path(), clock);
  options.initial_map_bytes = 256 << 10;
  options.resize_wait = std::chrono::milliseconds(100);
  auto db = testing::open_store(options);
  std::string value(200 << 10, 'v');
  must_apply(*db, put_request("/a", value));
  {
    auto view = db->read();  // held by the writing thread: growth cannot happen
    REQUIRE(view);
    auto blocked = db->apply(put_request("/b", value));
    REQUIRE_FALSE(blocked);
    CHECK(blocked.code() == error_code::unavailable);
    CHECK(view->get("/a")->value.size() == value.size());
  }
  must_apply(*db, put_request("/b", value));
  CHECK(db->stats()->map_bytes > options.initial_map_bytes);
  CHECK(db->stats()->current == 3);
}

TEST_CASE("a steady stream of readers does not starve map growth") {
  testing::temp_dir dir;
  testing::fake_clock clock;
  auto options = testing::options_for(dir.path(), clock);
  options.initial_map_bytes = 256 << 10;
  auto db = testing::open_store(options);
  must_apply(*db, put_request("/seed", "x"));
  std::atomic<bool> stop = false;
  std::atomic<int> failures = 0;
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r)
    readers.emplace_back([&] {
      while (!stop)
        if (!db->get("/seed")) ++failures;
    });
  std::string value(100 << 10, 'v');
  for (int i = 0; i < 40; ++i)
    must_apply(*db, put_request("/k" + std::to_string(i), value));
  stop = true;
  for (auto& t : readers)
    t.join();
  CHECK(failures == 0);
  CHECK(db->stats()->map_bytes >= 4 << 20);
}

TEST_CASE("open rejects what is not a kactor store with a clear error") {
  testing::temp_dir dir;
  testing::fake_clock clock;
  auto options = testing::options_for(dir / "data", clock);

  SUBCASE("garbage in data.mdb") {
    std::filesystem::create_directories(options.data_dir);
    std::ofstream(options.data_dir / "data.mdb", std::ios::binary) << std::string(20000, '\x7f');
    auto opened = store::open(options);
    REQUIRE_FALSE(opened);
    CHECK(opened.code() == error_code::corrupt);
  }
  SUBCASE("another program's LMDB database") {
    std::filesystem::create_directories(options.data_dir);
    {
      auto environment = lmdb::env::open({options.data_dir, 1 << 20});
      auto tx = lmdb::txn::begin(*environment, true);
      auto main = tx->open_table(nullptr, false);
      REQUIRE(tx->put(*main, "hello", "world"));
      REQUIRE(tx->commit());
    }
    auto opened = store::open(options);
    REQUIRE_FALSE(opened);
    CHECK(opened.code() == error_code::corrupt);
    CHECK(opened.error().message.find("not a kactor store") != std::string::npos);
  }
  SUBCASE("a store of another schema version") {
    testing::open_store(options);
    poke_meta(options.data_dir, "schema", "kactor.storage/v9");
    auto opened = store::open(options);
    REQUIRE_FALSE(opened);
    CHECK(opened.code() == error_code::corrupt);
    CHECK(opened.error().message.find("kactor.storage/v9") != std::string::npos);
  }
  SUBCASE("a damaged meta record") {
    testing::open_store(options);
    poke_meta(options.data_dir, "revision", "xyz");
    CHECK(store::open(options).code() == error_code::corrupt);
  }
  SUBCASE("a truncated data file") {
    {
      auto db = testing::open_store(options);
      for (int i = 0; i < 50; ++i)
        must_apply(*db, put_request("/k" + std::to_string(i), std::string(8192, 'x')));
    }
    std::filesystem::resize_file(options.data_dir / "data.mdb", 64 << 10);
    auto opened = store::open(options);
    REQUIRE_FALSE(opened);
    CHECK(opened.code() == error_code::corrupt);
    CHECK(opened.error().message.find("truncated") != std::string::npos);
  }
  SUBCASE("a data dir that is a file") {
    std::ofstream(options.data_dir) << "x";
    CHECK(store::open(options).code() == error_code::invalid);
  }
}

TEST_CASE("a read-only store reads and refuses writes") {
  testing::temp_dir dir;
  testing::fake_clock clock;
  auto options = testing::options_for(dir.path(), clock);
  {
    auto db = testing::open_store(options);
    must_apply(*db, put_request("/k", "v"));
  }
  options.read_only = true;
  auto db = testing::open_store(options);
  CHECK(db->get("/k")->value == "v");
  auto refused = db->apply(put_request("/k", "w"));
  REQUIRE_FALSE(refused);
  CHECK(refused.code() == error_code::unavailable);
}

}  // namespace kactor::storage
