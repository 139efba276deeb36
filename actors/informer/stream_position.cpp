#include "actors/informer/stream_position.hpp"

#include <algorithm>

namespace kactor::informer {

void stream_position::reset(std::uint64_t rev) {
  applied_rev_ = rev;
  complete_ = true;
  boundary_keys_.clear();
}

bool stream_position::covered(std::uint64_t revision) const {
  return revision < applied_rev_ || (revision == applied_rev_ && complete_);
}

bool stream_position::already_applied(std::uint64_t revision, std::string_view key) const {
  if (covered(revision)) return true;
  return revision == applied_rev_ && boundary_keys_.find(key) != boundary_keys_.end();
}

void stream_position::record_applied(std::uint64_t revision, std::string_view key) {
  if (revision > applied_rev_) {
    applied_rev_ = revision;
    complete_ = false;
    boundary_keys_.clear();
    boundary_keys_.emplace(key);
  } else if (revision == applied_rev_ && !complete_) {
    boundary_keys_.emplace(key);
  }
}

void stream_position::anchor(std::uint64_t sequence) {
  last_seq_ = anchored_ ? std::max(last_seq_, sequence) : sequence;
  anchored_ = true;
}

bool stream_position::switch_epoch(std::uint64_t epoch) {
  if (has_epoch_ && epoch == epoch_) return false;
  bool replaced = has_epoch_;
  has_epoch_ = true;
  epoch_ = epoch;
  anchored_ = false;
  last_seq_ = 0;
  return replaced;
}

live_verdict stream_position::accept_live(const stream_point& e, std::string_view key) {
  if (switch_epoch(e.epoch)) return live_verdict::gap;
  if (already_applied(e.revision, key)) {
    // Safe to anchor when everything up to e is applied, or when e simply continues the anchor.
    if (covered(e.revision) || (anchored_ && e.sequence == last_seq_ + 1)) anchor(e.sequence);
    return live_verdict::duplicate;
  }
  if (anchored_ && e.sequence == last_seq_ + 1) {
    last_seq_ = e.sequence;
    record_applied(e.revision, key);
    return live_verdict::apply;
  }
  return live_verdict::gap;
}

bool stream_position::accept_replayed(std::uint64_t revision, std::string_view key) {
  if (already_applied(revision, key)) return false;
  record_applied(revision, key);
  return true;
}

void stream_position::complete_through(std::uint64_t rev) {
  if (rev < applied_rev_) return;
  applied_rev_ = rev;
  complete_ = true;
  boundary_keys_.clear();
}

bookmark_verdict stream_position::accept_bookmark(const stream_point& b) {
  if (switch_epoch(b.epoch)) return bookmark_verdict::gap;
  if (covered(b.revision)) {
    anchor(b.sequence);
    return bookmark_verdict::nothing;
  }
  if (anchored_ && b.sequence <= last_seq_) {
    // Every event up to b.sequence is applied, and those carry every change up to b.revision.
    complete_through(b.revision);
    return bookmark_verdict::advanced;
  }
  return bookmark_verdict::gap;
}

std::uint64_t stream_position::resume_after() const {
  return complete_ || applied_rev_ == 0 ? applied_rev_ : applied_rev_ - 1;
}

}  // namespace kactor::informer
