#include "storage/compactor.hpp"

#include <doctest/doctest.h>

#include "storage/store.hpp"
#include "storage/testing/fixture.hpp"

namespace kactor::storage {

using namespace std::chrono_literals;
using testing::must_apply;

namespace {

struct fixture {
  testing::temp_dir dir;
  testing::fake_clock clock;
  std::unique_ptr<store> db;

  explicit fixture(std::chrono::milliseconds window = 30s) {
    auto options = testing::options_for(dir.path(), clock);
    options.history_window = window;
    db = testing::open_store(options);
  }

  compaction_progress compact_all(std::size_t max_ops = 1000) {
    while (true) {
      auto step = db->compact(max_ops);
      REQUIRE_MESSAGE(step, describe(step.error()));
      if (step->done) return *step;
    }
  }
};

}  // namespace

TEST_CASE("compaction keeps exactly the changes inside the window, edge included") {
  fixture f(30s);
  // Revision r + 2 is committed at t = 10 s * r: revisions 2..7 at t = 0, 10, ..., 50.
  for (int i = 0; i < 6; ++i) {
    must_apply(*f.db, put_request("/k", std::to_string(i)));
    f.clock.advance(10s);
  }
  f.clock.advance(-10s);  // now t = 50: the window starts at t = 20 (revision 4), inclusive
  auto progress = f.compact_all();
  CHECK(progress.compacted == 3);
  CHECK(f.db->stats()->compacted == 3);

  // Resume points: 3 (the compacted revision) and later work; older ones are compacted.
  auto from3 = f.db->changes_after(3, 0);
  REQUIRE(from3);
  CHECK(from3->events.size() == 4);
  CHECK(from3->events[0].prev->value == "1");  // the previous value of revision 4 survives
  auto from2 = f.db->changes_after(2, 0);
  REQUIRE_FALSE(from2);
  CHECK(from2.code() == error_code::compacted);
  CHECK(f.db->changes_after(8, 0).code() == error_code::future_revision);

  // Reads: at the compacted revision yes, below it no.
  CHECK(f.db->get("/k", 3)->value == "1");
  CHECK(f.db->get("/k", 2).code() == error_code::compacted);
  CHECK(f.db->read(1).code() == error_code::compacted);
  CHECK(f.db->history("/k")->size() == 5);

  // One nanosecond later revision 4 leaves the window.
  f.clock.advance(1ns);
  CHECK(f.compact_all().compacted == 4);
  CHECK(f.db->changes_after(3, 0).code() == error_code::compacted);
}

TEST_CASE("compaction drops deleted keys entirely and keeps the latest version of others") {
  fixture f(1min);
  must_apply(*f.db, put_request("/gone", "1"));  // 2
  must_apply(*f.db, put_request("/kept", "1"));  // 3
  must_apply(*f.db, put_request("/kept", "2"));  // 4
  must_apply(*f.db, remove_request("/gone"));    // 5
  f.clock.advance(2min);
  auto progress = f.compact_all();
  CHECK(progress.compacted == 5);
  CHECK(f.db->history("/gone")->empty());
  auto kept = f.db->history("/kept");
  REQUIRE(kept->size() == 1);
  CHECK((*kept)[0].kv.value == "2");
  CHECK(f.db->get("/kept")->mod_revision == 4);
  CHECK(f.db->changes_after(5, 0)->events.empty());
  CHECK(f.db->stats()->object_count == 1);

  // Writes continue on top of a compacted store, with correct previous values.
  auto next = must_apply(*f.db, update_request("/kept", "3", revision{4}));
  CHECK(next.events[0].prev->value == "2");
  CHECK(f.db->changes_after(5, 0)->events.size() == 1);
}

TEST_CASE("compaction runs in bounded steps and each step leaves a consistent store") {
  fixture f(1s);
  for (int i = 0; i < 20; ++i)
    must_apply(*f.db, put_request("/k" + std::to_string(i % 3), "v"));
  f.clock.advance(1min);
  revision last = 0;
  int steps = 0;
  while (true) {
    auto step = f.db->compact(4);
    REQUIRE(step);
    ++steps;
    CHECK(step->ops <= 4);
    CHECK(step->compacted >= last);
    last = step->compacted;
    // After every step, reads at the compacted revision work and resumption from it too.
    CHECK(f.db->range({"/", step->compacted, 0, {}}));
    CHECK(f.db->changes_after(step->compacted, 0));
    if (step->done) break;
  }
  CHECK(steps == 5);  // 20 operations, 4 per step; the fifth step also sees the end
  CHECK(last == 21);
  CHECK(f.db->range({"/", 0, 0, {}})->kvs.size() == 3);
}

TEST_CASE("explicit compaction to a revision ignores the clock") {
  fixture f(1h);
  for (int i = 0; i < 5; ++i)
    must_apply(*f.db, put_request("/k", std::to_string(i)));  // 2..6
  auto step = f.db->compact_to(4, 100);
  REQUIRE(step);
  CHECK(step->done);
  CHECK(step->compacted == 4);
  CHECK(f.db->get("/k", 4)->value == "2");
  CHECK(f.db->get("/k", 3).code() == error_code::compacted);
  CHECK(f.db->compact_to(7, 100).code() == error_code::future_revision);
  // Compaction never moves backwards.
  CHECK(f.db->compact_to(2, 100)->compacted == 4);
}

}  // namespace kactor::storage
