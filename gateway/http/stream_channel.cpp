#include "gateway/http/stream_channel.hpp"

#include <utility>

namespace kactor::http {

stream_channel::stream_channel(std::size_t max_queued_bytes, wake_fn wake)
    : max_queued_bytes_(max_queued_bytes), wake_(std::move(wake)) {}

bool stream_channel::write(std::string chunk) {
  bool wake = false;
  bool accepted = true;
  {
    std::lock_guard<std::mutex> guard{mutex_};
    if (ended_ || dropped_) return false;
    if (chunk.empty()) return true;
    if (queued_bytes_ + chunk.size() > max_queued_bytes_) {
      // Too far ahead of the peer: what is queued would only arrive late, so drop it all.
      dropped_ = true;
      accepted = false;
      queue_.clear();
      // Always wake: the connection is likely stuck in a write and must abort it now.
      wake = true;
      wake_armed_ = false;
    } else {
      queued_bytes_ += chunk.size();
      queue_.push_back(std::move(chunk));
      wake = std::exchange(wake_armed_, false);
    }
  }
  if (wake && wake_) wake_();
  return accepted;
}

void stream_channel::end() {
  bool wake = false;
  {
    std::lock_guard<std::mutex> guard{mutex_};
    if (ended_ || dropped_) return;
    ended_ = true;
    wake = std::exchange(wake_armed_, false);
  }
  if (wake && wake_) wake_();
}

bool stream_channel::closed() const {
  std::lock_guard<std::mutex> guard{mutex_};
  return ended_ || dropped_;
}

void stream_channel::on_close(std::function<void()> fn) {
  {
    std::lock_guard<std::mutex> guard{mutex_};
    if (!fired_) {
      on_close_.push_back(std::move(fn));
      return;
    }
  }
  fn();
}

bool stream_channel::dropped() const {
  std::lock_guard<std::mutex> guard{mutex_};
  return dropped_;
}

stream_channel::batch stream_channel::take() {
  std::lock_guard<std::mutex> guard{mutex_};
  batch out;
  out.chunks = std::exchange(queue_, {});
  out.end = ended_;
  out.dropped = dropped_;
  wake_armed_ = !(ended_ || dropped_);
  return out;
}

void stream_channel::written(std::size_t bytes) {
  std::lock_guard<std::mutex> guard{mutex_};
  queued_bytes_ -= std::min(bytes, queued_bytes_);
}

void stream_channel::close() {
  {
    std::lock_guard<std::mutex> guard{mutex_};
    if (!ended_) dropped_ = true;
    queue_.clear();
    wake_armed_ = false;
  }
  fire();
}

void stream_channel::fire() {
  std::vector<std::function<void()>> callbacks;
  {
    std::lock_guard<std::mutex> guard{mutex_};
    if (!(ended_ || dropped_) || fired_) return;
    fired_ = true;
    callbacks = std::exchange(on_close_, {});
  }
  for (auto& fn : callbacks)
    fn();
}

}  // namespace kactor::http
