#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "storage/error.hpp"
#include "storage/options.hpp"
#include "storage/request.hpp"
#include "storage/store.hpp"
#include "storage/types.hpp"

// Group commit: a worker thread that owns all writing to one store. Requests submitted from
// any thread queue up; the worker takes whatever is queued (up to the batch limits) into one
// write transaction, commits it with one fsync, and only then runs each request's completion.
// Throughput therefore grows with concurrency while every acknowledged write is durable.
// Between batches the worker also runs compaction steps (every compaction_interval, or when
// asked), so compaction never holds writers up for more than one bounded step.
namespace kactor::storage {

class committer {
 public:
  // Receives the request's outcome (store::apply_batch). Runs on the committer thread, in
  // submission order, after the commit: it must not block (the state actor posts a message)
  // and must not call stop(). Exceptions it throws are logged and dropped.
  using completion = std::function<void(result<write_result>)>;

  // Starts the worker. `target` must outlive the committer.
  explicit committer(store& target, committer_options options = {});
  committer(const committer&) = delete;
  committer& operator=(const committer&) = delete;
  // Calls stop().
  ~committer();

  // Queues `req`; `done` will run exactly once. After stop() the request is refused with
  // unavailable and `done` never runs. Thread-safe.
  status submit(write_request req, completion done);

  // Runs compaction (store::compact, step by step) as soon as possible rather than at the
  // next interval. Thread-safe.
  void request_compaction();

  // Refuses new requests, commits everything already queued (running its completions), then
  // joins the worker. Idempotent; thread-safe except from a completion.
  void stop();

  struct counters {
    std::uint64_t batches = 0;           // committed write transactions
    std::uint64_t requests = 0;          // completions run
    std::uint64_t compaction_steps = 0;  // compaction transactions
  };
  counters stats() const;

 private:
  struct pending {
    write_request req;
    completion done;
  };

  void run();
  void commit_batch(std::vector<pending>& batch);
  bool compact_step();

  store& store_;
  committer_options options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<pending> queue_;
  bool stopping_ = false;
  bool compaction_requested_ = false;
  counters counters_;
  std::thread worker_;
};

}  // namespace kactor::storage
