#include "storage/snapshot.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <semaphore>
#include <thread>

#include "storage/committer.hpp"
#include "storage/testing/fixture.hpp"

namespace kactor::storage {

using testing::must_apply;

TEST_CASE("a snapshot taken while writing restores to exactly one revision's state") {
  testing::temp_dir dir;
  testing::fake_clock clock;
  auto options = testing::options_for(dir / "live", clock);
  auto db = testing::open_store(options);
  for (int i = 0; i < 200; ++i)
    must_apply(*db, put_request("/registry/pods/ns/p" + std::to_string(i), std::string(512, 'a')));

  // Writers keep going while the snapshot is copied.
  std::atomic<bool> writing = true;
  std::atomic<int> acked = 0;
  committer c(*db);
  std::counting_semaphore<64> in_flight(64);
  std::thread writer([&] {
    for (int i = 0; writing; ++i) {
      in_flight.acquire();
      auto key = "/registry/pods/ns/p" + std::to_string(i % 300);
      if (!c.submit(put_request(key, std::to_string(i)), [&](result<write_result> r) {
            if (r) ++acked;
            in_flight.release();
          }))
        break;
    }
  });
  auto wait_for_acks = [&](int count) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (acked < count && std::chrono::steady_clock::now() < deadline)
      std::this_thread::yield();
    REQUIRE(acked >= count);
  };
  wait_for_acks(20);
  auto file = dir / "backup.snap";
  REQUIRE(db->save_snapshot(file));
  int acked_at_snapshot = acked;
  wait_for_acks(acked_at_snapshot + 20);  // writes went on after the copy as well
  writing = false;
  writer.join();
  c.stop();

  auto info = inspect_snapshot(file);
  REQUIRE_MESSAGE(info, describe(info.error()));
  CHECK(info->current > 201);
  CHECK(info->current < db->stats()->current);
  CHECK_FALSE(std::filesystem::exists(dir / "backup.snap.part"));

  auto restored_dir = dir / "restored";
  REQUIRE(restore_snapshot(file, restored_dir));
  auto restored = testing::open_store(testing::options_for(restored_dir, clock));
  auto stats = restored->stats();
  CHECK(stats->current == info->current);
  CHECK(stats->object_count == info->objects);
  auto expected = db->range({"/registry/", info->current, 0, {}});
  auto actual = restored->range({"/registry/", 0, 0, {}});
  REQUIRE(expected);
  REQUIRE(actual);
  CHECK(actual->kvs == expected->kvs);
  // The change history came along too.
  auto expected_log = db->changes_after(info->current - 50, 0);
  auto actual_log = restored->changes_after(info->current - 50, 0);
  REQUIRE(actual_log);
  REQUIRE(actual_log->events.size() == 50);
  CHECK(std::equal(actual_log->events.begin(), actual_log->events.end(),
                   expected_log->events.begin()));
  // And the restored store takes writes at the next revision.
  CHECK(must_apply(*restored, put_request("/x", "1")).rev == info->current + 1);
}

TEST_CASE("restore refuses an existing store and bad snapshot files") {
  testing::temp_dir dir;
  testing::fake_clock clock;
  auto db = testing::open_store(testing::options_for(dir / "live", clock));
  must_apply(*db, put_request("/k", "v"));
  REQUIRE(db->save_snapshot(dir / "good.snap"));

  CHECK(restore_snapshot(dir / "good.snap", dir / "live").code() == error_code::already_exists);

  std::ofstream(dir / "bad.snap", std::ios::binary) << std::string(10000, 'z');
  CHECK(inspect_snapshot(dir / "bad.snap").code() == error_code::corrupt);
  CHECK(restore_snapshot(dir / "bad.snap", dir / "other").code() == error_code::corrupt);
  CHECK_FALSE(std::filesystem::exists(dir / "other" / "data.mdb"));
  CHECK(inspect_snapshot(dir / "missing.snap").code() == error_code::unavailable);
  // Inspecting creates no lock file next to the snapshot.
  CHECK(inspect_snapshot(dir / "good.snap")->current == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "good.snap-lock"));
}

}  // namespace kactor::storage
