// Group-commit benchmark of the storage module (not a test): puts/s and acknowledgement
// latency for 1 KiB values with 1, 16 and 64 concurrent submitters, each a thread that submits
// a create and waits for its completion before the next (closed loop). Durable commits
// (fsync) on a fresh store in a temp dir.
//
// Usage: bench_storage_commit [seconds per run, default 3] [directory, default $TMPDIR]
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <semaphore>
#include <string>
#include <thread>
#include <vector>

#include "storage/committer.hpp"
#include "storage/lmdb.hpp"
#include "storage/store.hpp"

namespace {

using namespace kactor::storage;
using clock_type = std::chrono::steady_clock;

struct figures {
  double puts_per_second = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double mean_batch = 0;
};

double percentile_ms(std::vector<double>& sorted_ms, double p) {
  if (sorted_ms.empty()) return 0;
  auto index = static_cast<std::size_t>(p * static_cast<double>(sorted_ms.size() - 1));
  return sorted_ms[index];
}

// One submitter: closed loop until `stop`, recording each ack latency in ms.
void submit_loop(committer& c, int id, const std::atomic<bool>& stop, std::vector<double>& out) {
  std::string value(1024, 'v');
  std::binary_semaphore acked(0);
  bool ok = true;
  for (int i = 0; !stop; ++i) {
    auto key = "/registry/configmaps/bench/s" + std::to_string(id) + "-" + std::to_string(i);
    auto start = clock_type::now();
    auto st = c.submit(create_request(key, value), [&](result<write_result> r) {
      ok = r.has_value();
      acked.release();
    });
    if (!st) break;
    acked.acquire();
    if (!ok) {
      std::fprintf(stderr, "write failed\n");
      std::exit(1);
    }
    out.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - start).count());
  }
}

figures summarize(std::vector<double>& all, double elapsed, double mean_batch) {
  std::sort(all.begin(), all.end());
  figures f;
  f.puts_per_second = static_cast<double>(all.size()) / elapsed;
  f.p50_ms = percentile_ms(all, 0.50);
  f.p99_ms = percentile_ms(all, 0.99);
  f.mean_batch = mean_batch;
  return f;
}

// Baseline on the same disk: one raw LMDB put per durable commit, no MVCC tables.
figures run_raw(const std::filesystem::path& dir, std::chrono::seconds duration) {
  std::filesystem::create_directories(dir);
  auto environment = lmdb::env::open({dir, 1ull << 30});
  if (!environment) {
    std::fprintf(stderr, "open: %s\n", describe(environment.error()).c_str());
    std::exit(1);
  }
  std::string value(1024, 'v');
  std::vector<double> all;
  auto start = clock_type::now();
  for (int i = 0; clock_type::now() - start < duration; ++i) {
    auto begin = clock_type::now();
    auto tx = lmdb::txn::begin(*environment, true);
    auto t = tx ? tx->open_table(nullptr, false) : result<lmdb::table>(tx.error());
    auto st =
        t ? tx->put(*t, "/registry/configmaps/bench/r" + std::to_string(i), value) : t.error();
    if (st) st = tx->commit();
    if (!st) {
      std::fprintf(stderr, "raw put: %s\n", describe(st.error()).c_str());
      std::exit(1);
    }
    all.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - begin).count());
  }
  return summarize(all, std::chrono::duration<double>(clock_type::now() - start).count(), 1);
}

figures run(const std::filesystem::path& dir, int submitters, std::chrono::seconds duration) {
  store_options options;
  options.data_dir = dir;
  auto opened = store::open(options);
  if (!opened) {
    std::fprintf(stderr, "open: %s\n", describe(opened.error()).c_str());
    std::exit(1);
  }
  auto& db = **opened;
  committer c(db);
  std::atomic<bool> stop = false;
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(submitters));
  std::vector<std::thread> threads;
  auto start = clock_type::now();
  for (int s = 0; s < submitters; ++s)
    threads.emplace_back(submit_loop, std::ref(c), s, std::cref(stop),
                         std::ref(latencies[static_cast<std::size_t>(s)]));
  std::this_thread::sleep_for(duration);
  stop = true;
  for (auto& t : threads)
    t.join();
  auto elapsed = std::chrono::duration<double>(clock_type::now() - start).count();
  auto counters = c.stats();
  c.stop();

  std::vector<double> all;
  for (auto& l : latencies)
    all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  figures f;
  f.puts_per_second = static_cast<double>(all.size()) / elapsed;
  f.p50_ms = percentile_ms(all, 0.50);
  f.p99_ms = percentile_ms(all, 0.99);
  f.mean_batch = counters.batches ? static_cast<double>(counters.requests) /
                                        static_cast<double>(counters.batches)
                                  : 0;
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  auto seconds = std::chrono::seconds(argc > 1 ? std::atoi(argv[1]) : 3);
  std::filesystem::path base =
      argc > 2 ? std::filesystem::path(argv[2]) : std::filesystem::temp_directory_path();
  std::string pattern = (base / "bench-storage-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    return 1;
  }
  std::filesystem::path root = pattern;
  std::printf("storage group commit, 1 KiB values, fsync on, %lld s per run, dir %s\n",
              static_cast<long long>(seconds.count()), root.c_str());
  std::printf("%-22s %10s %9s %9s %11s\n", "run", "puts/s", "p50 ms", "p99 ms", "reqs/batch");
  auto print = [](const std::string& name, const figures& f) {
    std::printf("%-22s %10.0f %9.2f %9.2f %11.1f\n", name.c_str(), f.puts_per_second, f.p50_ms,
                f.p99_ms, f.mean_batch);
  };
  print("raw lmdb, 1 put/commit", run_raw(root / "raw", seconds));
  for (int submitters : {1, 16, 64})
    print("store, " + std::to_string(submitters) + " submitters",
          run(root / std::to_string(submitters), submitters, seconds));
  std::filesystem::remove_all(root);
  return 0;
}
