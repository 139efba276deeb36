#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

// Where an informer stands in its resource's event stream, and the rules that decide whether a
// live event can be applied, is a duplicate, or reveals a gap that needs a catch-up read.
// Pure bookkeeping: no I/O, no actor, so every rule is unit-tested on its own.
//
// Two facts are kept, and every rule below only ever states what they guarantee:
//
//  (R) the applied revision A: every change of the stream with revision < A is applied; at A
//      either all changes are (complete) or exactly those of the keys in a boundary set (a
//      transaction may change several objects of one resource at one revision, and a live
//      event does not say whether more of its revision follow);
//  (S) the anchor: when anchored, every event of the current epoch with sequence <= L is
//      applied.
//
// A live event e is
//  - a duplicate when (R) says it is applied. If every change up to e.revision is applied, the
//    anchor moves to e.sequence (the stream is in revision order, so everything before e is
//    applied too): this is how an informer (re)anchors after a list or a catch-up;
//  - applied when anchored and e.sequence == L + 1 (nothing can be missing in between);
//  - a gap otherwise: the caller reads the change log after resume_after() (watch-from),
//    replays it through accept_replayed, calls complete_through, and offers e again.
// A new epoch (the publisher restarted, sequences restarted at 1) drops the anchor and is
// always a gap at first, even when its revision looks old: the store may have been replaced.
//
// Worked example. A list at revision 1200 leaves A = 1200 (complete), not anchored. Live events
// (sequence/revision) 41/1190 (duplicate: anchors L = 41), 42/1210 (applied: A = 1210, boundary
// {its key}), then 45/1260: gap. resume_after() = 1209 (1210 may be incomplete); the read
// returns 1210 (its key is in the boundary: skipped), 1231 and 1248 (applied) and 1260
// (applied), read at revision 1262: complete_through(1262) gives A = 1262. Offered again,
// 45/1260 is a duplicate and anchors L = 45; 46 is applied next.
namespace kactor::informer {

// Stream coordinates of a live event or bookmark.
struct stream_point {
  std::uint64_t epoch = 0;
  std::uint64_t sequence = 0;
  std::uint64_t revision = 0;
};

enum class live_verdict { apply, duplicate, gap };

enum class bookmark_verdict {
  nothing,   // nothing new: everything the bookmark covers is applied
  advanced,  // nothing was missed and the applied revision moved up to the bookmark's
  gap,       // events were missed (or cannot be ruled out): catch up
};

class stream_position {
 public:
  // After a (re)list at revision `rev`: everything up to `rev` is applied. Keeps the anchor
  // (a list at or after every anchored event still covers them).
  void reset(std::uint64_t rev);

  // Classifies a live event of `key` and records it: a duplicate may move the anchor; an
  // applied event moves the anchor and the applied revision (the caller must apply it); a gap
  // changes nothing but the epoch.
  live_verdict accept_live(const stream_point& e, std::string_view key);

  // A change from a catch-up read: true when it is not applied yet (it is then recorded as
  // applied and the caller must apply it); false for a duplicate.
  bool accept_replayed(std::uint64_t revision, std::string_view key);

  // A catch-up read covered every change up to `rev` (the last revision of a page with more
  // to come, or the revision the read was served at). Ignored when below the applied revision.
  void complete_through(std::uint64_t rev);

  // Classifies a bookmark: the publisher's promise that every change up to b.revision went out
  // with sequences <= b.sequence.
  bookmark_verdict accept_bookmark(const stream_point& b);

  // The watch-from after_revision of a catch-up: A when complete, A - 1 otherwise.
  std::uint64_t resume_after() const;

  // True when (R) says the change of `key` at `revision` is applied.
  bool already_applied(std::uint64_t revision, std::string_view key) const;

  std::uint64_t applied_revision() const { return applied_rev_; }
  bool complete() const { return complete_; }
  bool anchored() const { return anchored_; }
  std::uint64_t last_sequence() const { return last_seq_; }
  std::uint64_t epoch() const { return epoch_; }

 private:
  // True when every change up to and including `revision` is applied.
  bool covered(std::uint64_t revision) const;
  void record_applied(std::uint64_t revision, std::string_view key);
  void anchor(std::uint64_t sequence);
  // Adopts `epoch`; true when it replaced a different one (not on the first event).
  bool switch_epoch(std::uint64_t epoch);

  std::uint64_t applied_rev_ = 0;
  bool complete_ = true;
  std::set<std::string, std::less<>> boundary_keys_;  // applied at applied_rev_ (!complete_)
  bool has_epoch_ = false;
  std::uint64_t epoch_ = 0;
  bool anchored_ = false;
  std::uint64_t last_seq_ = 0;
};

}  // namespace kactor::informer
