// bench_etcd_compare: the same write and watch load against a real etcd and kactor's state
// role, side by side, in one run. Prints a markdown report (etcd_report.hpp).
//
//   bench_etcd_compare [--seconds S] [--clients 1,16,64] [--etcd /usr/bin/etcd] [--tmp DIR]
//
// Starts etcd (its data in a temp dir, fsync on: its default) and nats-server + the state role
// (store in the same temp dir), warms both up, then per client count runs the put load on
// etcd, then on kactor, and finally one watch point (1 client + 1 watcher) on each. Everything
// is bounded: S <= 60 s per point, at most 8 client counts of at most 256 clients, a 5 s
// deadline per put. SIGINT/SIGTERM end the current point early; the servers are stopped and
// the temp dir removed on every exit path (the children also die with this process).
#include <signal.h>
#include <stdlib.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "bench/etcd_grpc_driver.hpp"
#include "bench/etcd_kactor_target.hpp"
#include "bench/etcd_report.hpp"
#include "bench/etcd_server.hpp"

namespace bench = kactor::bench;
using namespace std::chrono_literals;

namespace {

// A fresh directory under `base`, removed with its contents when this goes out of scope.
class temp_dir {
 public:
  explicit temp_dir(const std::filesystem::path& base) {
    std::string pattern = (base / "etcdbench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~temp_dir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Turns SIGINT/SIGTERM into a flag the load loops check. The signals are blocked in every
// thread (the mask is inherited), and this thread collects them.
class signal_watch {
 public:
  signal_watch() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    thread_ = std::thread([this] {
      timespec tick{0, 100'000'000};
      while (!done_.load())
        if (sigtimedwait(&set_, nullptr, &tick) > 0) interrupted.store(true);
    });
  }
  ~signal_watch() {
    done_.store(true);
    thread_.join();
  }
  std::atomic<bool> interrupted{false};

 private:
  sigset_t set_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

struct settings {
  int seconds = 5;
  std::vector<int> clients{1, 16, 64};
  std::string etcd = "/usr/bin/etcd";
  std::string tmp;
};

template <class Driver>
std::optional<bench::point_summary> measure(Driver& driver, const bench::load_spec& spec,
                                            const char* system, std::vector<std::string>& notes) {
  std::fprintf(stderr, "%s: %d client(s)%s, %lld s ...\n", system, spec.clients,
               spec.watch ? " + watcher" : "",
               static_cast<long long>(spec.duration.count() / 1000));
  auto log = driver.run(spec);
  if (!log) {
    notes.push_back(std::string(system) + ": " + log.error());
    return std::nullopt;
  }
  return bench::summarize(spec, *log);
}

bench::load_spec spec_for(std::string run, int clients, bool watch, std::chrono::milliseconds d,
                          const std::atomic<bool>& interrupted) {
  bench::load_spec spec;
  spec.run = std::move(run);
  spec.clients = clients;
  spec.duration = d;
  spec.watch = watch;
  spec.interrupted = &interrupted;
  return spec;
}

// The facts printed above the tables (the load average is taken again at the end).
bench::report_context describe(const settings& s, const std::filesystem::path& dir) {
  bench::report_context ctx;
  ctx.commit = bench::source_commit(KACTOR_SOURCE_DIR);
  ctx.machine = bench::machine_description();
  ctx.storage = bench::storage_description(dir);
  ctx.etcd = bench::first_line_of(s.etcd + " --version");    // "etcd Version: 3.4.23"
  ctx.nats = bench::first_line_of("nats-server --version");  // "nats-server: v2.9.10"
  ctx.load_before = bench::first_line_of("cat /proc/loadavg");
  ctx.seconds = s.seconds;
  ctx.value_bytes = bench::bench_value(bench::bench_name("p1", 63, 99999)).size();
  return ctx;
}

std::string mib(std::uintmax_t bytes) {
  return std::to_string((bytes + (1 << 19)) >> 20) + " MiB";
}

// The warm-up, every put point and the watch point, etcd first each time; then the report.
void measure_all(const settings& s, const std::atomic<bool>& interrupted, bench::etcd_server& etcd,
                 bench::kactor_target& kactor, bench::report_context ctx) {
  bench::etcd_grpc_driver etcd_driver(etcd.endpoint());
  std::vector<std::string> notes;
  // Warm-up (not reported): connections, first allocations, the first fsyncs.
  auto warm = spec_for("warm", 4, false, 1s, interrupted);
  measure(etcd_driver, warm, "etcd warm-up", notes);
  measure(kactor, warm, "kactor warm-up", notes);
  std::vector<bench::compared_point> points;
  for (int clients : s.clients) {
    if (interrupted.load()) break;
    // Every point writes keys of its own (a client count may be repeated).
    auto run = "p" + std::to_string(points.size() + 1);
    auto spec = spec_for(run, clients, false, s.seconds * 1000ms, interrupted);
    auto& point = points.emplace_back();
    point.clients = clients;
    point.etcd = measure(etcd_driver, spec, "etcd", notes);
    point.kactor = measure(kactor, spec, "kactor", notes);
  }
  bench::compared_point watch;
  watch.clients = 1;
  if (!interrupted.load()) {
    auto spec = spec_for("w", 1, true, s.seconds * 1000ms, interrupted);
    watch.etcd = measure(etcd_driver, spec, "etcd", notes);
    watch.kactor = measure(kactor, spec, "kactor", notes);
  }
  if (interrupted.load()) notes.push_back("interrupted: the last point ran short");
  notes.push_back("disk allocated after the run: etcd data dir " +
                  mib(bench::directory_bytes(etcd.data_dir())) +
                  " (its WAL preallocates 64 MiB segments), kactor store " +
                  mib(bench::directory_bytes(kactor.store_dir())));
  ctx.load_after = bench::first_line_of("cat /proc/loadavg");
  bench::print_report(stdout, ctx, points, watch, notes);
}

// Starts both systems in a temp dir, measures, prints; everything stops and the temp dir goes
// on every return. `bus_used`: set once the NATS library may have been initialised.
int run(const settings& s, bool& bus_used) {
  signal_watch signals;
  temp_dir dir(s.tmp.empty() ? std::filesystem::temp_directory_path()
                             : std::filesystem::path(s.tmp));
  if (dir.path().empty()) {
    std::fprintf(stderr, "bench_etcd_compare: cannot create a temp dir under %s\n", s.tmp.c_str());
    return 1;
  }
  auto ctx = describe(s, dir.path());
  bench::etcd_server_options etcd_options;
  etcd_options.binary = s.etcd;
  etcd_options.dir = dir.path();
  auto etcd = bench::etcd_server::start(etcd_options);
  if (!etcd) {
    std::fprintf(stderr, "bench_etcd_compare: %s\n", etcd.error().c_str());
    return 1;
  }
  std::fprintf(stderr, "etcd ready on %s\n", (*etcd)->endpoint().c_str());
  bus_used = true;
  auto kactor = bench::kactor_target::start(dir.path());
  if (!kactor) {
    std::fprintf(stderr, "bench_etcd_compare: %s\n", kactor.error().c_str());
    return 1;
  }
  std::fprintf(stderr, "kactor state role ready\n");
  measure_all(s, signals.interrupted, **etcd, **kactor, std::move(ctx));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"the same put and watch load on etcd and on kactor's state role, side by side"};
  settings s;
  app.add_option("--seconds", s.seconds, "seconds per point")->check(CLI::Range(1, 60));
  app.add_option("--clients", s.clients, "client counts, e.g. 1,16,64")
      ->delimiter(',')
      ->check(CLI::Range(1, 256));
  app.add_option("--etcd", s.etcd, "the etcd binary")->check(CLI::ExistingFile);
  app.add_option("--tmp", s.tmp, "where the temp dir goes (default $TMPDIR or /tmp)")
      ->check(CLI::ExistingDirectory);
  CLI11_PARSE(app, argc, argv);
  // Logs of the role go to stderr: stdout is the report.
  spdlog::set_default_logger(spdlog::stderr_color_mt("bench"));
  if (s.clients.empty() || s.clients.size() > 8) {
    std::fprintf(stderr, "bench_etcd_compare: --clients takes 1 to 8 counts\n");
    return 2;
  }
  bool bus_used = false;
  int rc = run(s, bus_used);
  // Every connection went with the targets.
  if (!bus_used) return rc;
  if (auto err = kactor::bus::shutdown_library())
    std::fprintf(stderr, "bench_etcd_compare: %s\n", kactor::bus::describe(err).c_str());
  return rc;
}
