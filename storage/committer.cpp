#include "storage/committer.hpp"

#include <spdlog/spdlog.h>

#include <exception>

namespace kactor::storage {

committer::committer(store& target, committer_options options) : store_(target), options_(options) {
  worker_ = std::thread([this] { run(); });
}

committer::~committer() {
  stop();
}

status committer::submit(write_request req, completion done) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return make_error(error_code::unavailable, "the committer is stopped");
    queue_.push_back({std::move(req), std::move(done)});
  }
  wake_.notify_one();
  return {};
}

void committer::request_compaction() {
  {
    std::lock_guard lock(mutex_);
    compaction_requested_ = true;
  }
  wake_.notify_one();
}

void committer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (worker_.joinable()) worker_.join();
}

committer::counters committer::stats() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

void committer::run() {
  using clock = std::chrono::steady_clock;
  auto next_compaction = clock::now() + options_.compaction_interval;
  bool compacting = false;
  while (true) {
    std::vector<pending> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait_until(lock, next_compaction, [&] {
        return stopping_ || compacting || compaction_requested_ || !queue_.empty();
      });
      if (clock::now() >= next_compaction || compaction_requested_) {
        compacting = true;
        compaction_requested_ = false;
        next_compaction = clock::now() + options_.compaction_interval;
      }
      std::size_t bytes = 0;
      while (!queue_.empty() && batch.size() < options_.max_batch_requests) {
        auto size = request_bytes(queue_.front().req);
        if (!batch.empty() && bytes + size > options_.max_batch_bytes) break;
        bytes += size;
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      if (batch.empty() && stopping_) return;
    }
    if (!batch.empty()) commit_batch(batch);
    // One bounded step at a time, so queued writes wait for at most one step.
    if (compacting) compacting = compact_step();
  }
}

void committer::commit_batch(std::vector<pending>& batch) {
  std::vector<write_request> requests;
  requests.reserve(batch.size());
  for (auto& item : batch)
    requests.push_back(std::move(item.req));
  auto results = store_.apply_batch(requests);
  {
    std::lock_guard lock(mutex_);
    ++counters_.batches;
    counters_.requests += batch.size();
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    try {
      batch[i].done(std::move(results[i]));
    } catch (const std::exception& e) {
      spdlog::error("storage: a write completion threw: {}", e.what());
    } catch (...) {
      spdlog::error("storage: a write completion threw a non-exception");
    }
  }
}

bool committer::compact_step() {
  auto step = store_.compact(options_.compaction_batch_ops);
  {
    std::lock_guard lock(mutex_);
    ++counters_.compaction_steps;
  }
  if (!step) {
    spdlog::warn("storage: compaction failed: {}", describe(step.error()));
    return false;
  }
  if (step->ops > 0)
    spdlog::debug("storage: compacted {} operations, compacted revision {}", step->ops,
                  step->compacted);
  return !step->done;
}

}  // namespace kactor::storage
