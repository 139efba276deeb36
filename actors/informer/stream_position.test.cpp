#include "actors/informer/stream_position.hpp"

#include <doctest/doctest.h>

using kactor::informer::bookmark_verdict;
using kactor::informer::live_verdict;
using kactor::informer::stream_point;
using kactor::informer::stream_position;

namespace {

constexpr std::uint64_t epoch1 = 7;
constexpr std::uint64_t epoch2 = 8;

stream_point at(std::uint64_t seq, std::uint64_t rev, std::uint64_t epoch = epoch1) {
  return {epoch, seq, rev};
}

}  // namespace

TEST_CASE("stream_position: the worked example of the header") {
  stream_position pos;
  pos.reset(1200);
  CHECK(pos.accept_live(at(41, 1190), "a") == live_verdict::duplicate);
  CHECK(pos.anchored());
  CHECK(pos.last_sequence() == 41);
  CHECK(pos.accept_live(at(42, 1210), "b") == live_verdict::apply);
  CHECK(pos.applied_revision() == 1210);
  CHECK(pos.accept_live(at(45, 1260), "e") == live_verdict::gap);
  CHECK(pos.last_sequence() == 42);
  CHECK(pos.resume_after() == 1209);
  CHECK_FALSE(pos.accept_replayed(1210, "b"));
  CHECK(pos.accept_replayed(1231, "c"));
  CHECK(pos.accept_replayed(1248, "d"));
  CHECK(pos.accept_replayed(1260, "e"));
  pos.complete_through(1262);
  CHECK(pos.applied_revision() == 1262);
  CHECK(pos.resume_after() == 1262);
  CHECK(pos.accept_live(at(45, 1260), "e") == live_verdict::duplicate);
  CHECK(pos.last_sequence() == 45);
  CHECK(pos.accept_live(at(46, 1270), "f") == live_verdict::apply);
  CHECK(pos.last_sequence() == 46);
}

TEST_CASE("stream_position: an unanchored new event is a gap; after the catch-up it anchors") {
  stream_position pos;
  pos.reset(100);
  CHECK(pos.accept_live(at(9, 105), "x") == live_verdict::gap);
  CHECK_FALSE(pos.anchored());
  CHECK(pos.resume_after() == 100);
  CHECK(pos.accept_replayed(103, "w"));
  CHECK(pos.accept_replayed(105, "x"));
  pos.complete_through(106);
  CHECK(pos.accept_live(at(9, 105), "x") == live_verdict::duplicate);
  CHECK(pos.anchored());
  CHECK(pos.accept_live(at(10, 107), "y") == live_verdict::apply);
}

TEST_CASE("stream_position: duplicates and contiguous events") {
  stream_position pos;
  pos.reset(10);
  CHECK(pos.accept_live(at(1, 5), "a") == live_verdict::duplicate);
  CHECK(pos.accept_live(at(2, 10), "b") == live_verdict::duplicate);
  CHECK(pos.last_sequence() == 2);
  CHECK(pos.accept_live(at(3, 11), "c") == live_verdict::apply);
  CHECK(pos.accept_live(at(4, 12), "a") == live_verdict::apply);
  CHECK(pos.accept_live(at(4, 12), "a") == live_verdict::duplicate);  // delivered twice
  CHECK(pos.accept_live(at(6, 14), "d") == live_verdict::gap);
  CHECK(pos.accept_live(at(5, 13), "e") == live_verdict::apply);  // late but in order
  CHECK(pos.accept_live(at(6, 14), "d") == live_verdict::apply);
}

TEST_CASE("stream_position: several changes at one revision (a transaction)") {
  stream_position pos;
  pos.reset(20);
  CHECK(pos.accept_live(at(1, 20), "z") == live_verdict::duplicate);
  CHECK(pos.accept_live(at(2, 21), "a") == live_verdict::apply);
  CHECK_FALSE(pos.complete());
  // The next event of revision 21 is lost; 22 reveals the gap.
  CHECK(pos.accept_live(at(4, 22), "c") == live_verdict::gap);
  CHECK(pos.resume_after() == 20);  // revision 21 may be incomplete: read it again
  CHECK_FALSE(pos.accept_replayed(21, "a"));
  CHECK(pos.accept_replayed(21, "b"));
  CHECK(pos.accept_replayed(22, "c"));
  pos.complete_through(22);
  CHECK(pos.accept_live(at(4, 22), "c") == live_verdict::duplicate);
  CHECK(pos.last_sequence() == 4);
}

TEST_CASE("stream_position: a duplicate at an incomplete revision does not anchor beyond it") {
  stream_position pos;
  pos.reset(20);
  CHECK(pos.accept_replayed(21, "a"));  // revision 21 is now applied for "a" only
  CHECK_FALSE(pos.complete());
  CHECK(pos.accept_live(at(8, 21), "a") == live_verdict::duplicate);
  CHECK_FALSE(pos.anchored());  // "b" at 21 (sequence 7) may be missing
}

TEST_CASE("stream_position: a new epoch is always verified, even with old revisions") {
  stream_position pos;
  pos.reset(50);
  CHECK(pos.accept_live(at(3, 50), "a") == live_verdict::duplicate);
  CHECK(pos.accept_live(at(4, 51), "b") == live_verdict::apply);
  // The publisher restarted: sequence 1 of a new epoch.
  CHECK(pos.accept_live(at(1, 52, epoch2), "c") == live_verdict::gap);
  CHECK(pos.epoch() == epoch2);
  CHECK_FALSE(pos.anchored());
  CHECK(pos.accept_replayed(52, "c"));
  pos.complete_through(52);
  CHECK(pos.accept_live(at(1, 52, epoch2), "c") == live_verdict::duplicate);
  CHECK(pos.anchored());
  CHECK(pos.accept_live(at(2, 53, epoch2), "d") == live_verdict::apply);

  // A store replaced by an empty one: revisions restart low, the epoch changes.
  CHECK(pos.accept_live(at(1, 2, epoch1), "e") == live_verdict::gap);
  pos.reset(2);  // the catch-up failed (revision 52 is in that store's future): relist at 2
  CHECK(pos.applied_revision() == 2);
  CHECK(pos.accept_live(at(1, 2, epoch1), "e") == live_verdict::duplicate);
  CHECK(pos.accept_live(at(2, 3, epoch1), "f") == live_verdict::apply);
}

TEST_CASE("stream_position: bookmarks") {
  stream_position pos;
  pos.reset(30);

  SUBCASE("a bookmark within what is applied anchors") {
    CHECK(pos.accept_bookmark(at(5, 30)) == bookmark_verdict::nothing);
    CHECK(pos.anchored());
    CHECK(pos.last_sequence() == 5);
    CHECK(pos.accept_live(at(6, 31), "a") == live_verdict::apply);
  }
  SUBCASE("a bookmark at the last sequence seen advances the applied revision") {
    CHECK(pos.accept_live(at(5, 29), "a") == live_verdict::duplicate);
    CHECK(pos.accept_live(at(6, 31), "b") == live_verdict::apply);
    CHECK(pos.accept_bookmark(at(6, 40)) == bookmark_verdict::advanced);
    CHECK(pos.applied_revision() == 40);
    CHECK(pos.complete());
    CHECK(pos.resume_after() == 40);
  }
  SUBCASE("a bookmark beyond the last sequence seen is a gap at the tail") {
    CHECK(pos.accept_live(at(5, 29), "a") == live_verdict::duplicate);
    CHECK(pos.accept_live(at(6, 31), "b") == live_verdict::apply);
    CHECK(pos.accept_bookmark(at(8, 40)) == bookmark_verdict::gap);
    CHECK(pos.applied_revision() == 31);
    CHECK(pos.accept_replayed(35, "c"));
    pos.complete_through(41);
    CHECK(pos.accept_bookmark(at(8, 40)) == bookmark_verdict::nothing);
    CHECK(pos.last_sequence() == 8);
  }
  SUBCASE("an unanchored bookmark ahead of the applied revision is a gap") {
    CHECK(pos.accept_bookmark(at(5, 33)) == bookmark_verdict::gap);
  }
  SUBCASE("a bookmark of a new epoch is a gap") {
    CHECK(pos.accept_bookmark(at(5, 30)) == bookmark_verdict::nothing);
    CHECK(pos.accept_bookmark(at(0, 30, epoch2)) == bookmark_verdict::gap);
    CHECK(pos.accept_bookmark(at(0, 30, epoch2)) == bookmark_verdict::nothing);
    CHECK(pos.accept_live(at(1, 31, epoch2), "a") == live_verdict::apply);
  }
}

TEST_CASE("stream_position: complete_through never moves backwards") {
  stream_position pos;
  pos.reset(10);
  CHECK(pos.accept_replayed(12, "a"));
  pos.complete_through(11);
  CHECK(pos.applied_revision() == 12);
  CHECK_FALSE(pos.complete());
  pos.complete_through(12);
  CHECK(pos.complete());
}
