#include "actors/controllers/common/sync_loop.hpp"

#include <spdlog/spdlog.h>

namespace kactor::controllers {

void sync_context::call(const std::function<void(apiclient::api_client::callback)>& start,
                        std::function<void(apiclient::api_reply&)> then) {
  auto tag = loop_->next_tag_++;
  loop_->calls_.emplace(tag, std::make_pair(key_, std::move(then)));
  ++loop_->running_[key_].pending;
  start(apiclient::reply_to(caf::actor_cast<caf::actor>(loop_->self_), tag));
}

void sync_context::fail(const std::string& why) {
  auto& r = loop_->running_[key_];
  if (r.failure.empty()) r.failure = why;
}

void sync_context::requeue_after(steady::duration delay) {
  auto& r = loop_->running_[key_];
  if (!r.requeue_after || delay < *r.requeue_after) r.requeue_after = delay;
}

sync_loop::sync_loop(caf::event_based_actor* self, std::string name, int workers, sync_fn sync,
                     std::shared_ptr<spdlog::logger> log)
    : self_(self),
      name_(std::move(name)),
      workers_(workers < 1 ? 1 : workers),
      sync_(std::move(sync)),
      log_(log ? std::move(log) : spdlog::default_logger()) {}

void sync_loop::enqueue(const std::string& key) {
  queue_.add(key);
  pump();
}

void sync_loop::enqueue_after(const std::string& key, steady::duration delay) {
  queue_.add_after(key, delay, steady::now());
  pump();
  schedule_tick();
}

void sync_loop::pump() {
  while (running_.size() < static_cast<std::size_t>(workers_)) {
    auto key = queue_.pop(steady::now());
    if (!key) break;
    running_[*key];
    sync_context ctx{this, *key};
    sync_(ctx);
    finish_if_idle(*key);
  }
  schedule_tick();
}

void sync_loop::finish_if_idle(const std::string& key) {
  auto it = running_.find(key);
  if (it == running_.end() || it->second.pending > 0) return;
  auto r = std::move(it->second);
  running_.erase(it);
  queue_.done(key);
  ++syncs_;
  auto now = steady::now();
  if (!r.failure.empty()) {
    ++failures_;
    // Conflicts and lagging caches resolve on a retry or two: say so only when it persists.
    auto retry = queue_.failures(key) + 1;
    log_->log(retry >= 3 ? spdlog::level::info : spdlog::level::debug,
              "{}: sync of {} failed (retry {}): {}", name_, key, retry, r.failure);
    queue_.add_rate_limited(key, now);
  } else {
    queue_.forget(key);
  }
  if (r.requeue_after) queue_.add_after(key, *r.requeue_after, now);
}

void sync_loop::on_reply(std::uint64_t tag, apiclient::api_reply& reply) {
  auto it = calls_.find(tag);
  if (it == calls_.end()) return;
  auto [key, then] = std::move(it->second);
  calls_.erase(it);
  then(reply);
  auto r = running_.find(key);
  if (r != running_.end()) --r->second.pending;
  finish_if_idle(key);
  pump();
}

void sync_loop::on_tick() {
  tick_at_.reset();
  pump();
}

void sync_loop::schedule_tick() {
  auto due = queue_.next_due();
  if (!due || (tick_at_ && *tick_at_ <= *due)) return;
  tick_at_ = *due;
  auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(*due - steady::now()) +
               std::chrono::milliseconds(1);
  if (delay.count() < 1) delay = std::chrono::milliseconds(1);
  self_->delayed_send(self_, delay, loop_tick_atom::value);
}

}  // namespace kactor::controllers
