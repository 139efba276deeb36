// bench_gateway: API throughput, LIST of 10,000 pods and watch fan-out of a real `kactor up`
// (see docs/benchmarks.md). Prints one line per figure and a final summary of the goals.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sys/resource.h>

#include <CLI/CLI.hpp>

#include "bench/gateway/crud_phase.hpp"
#include "bench/gateway/kactor_process.hpp"
#include "bench/gateway/list_phase.hpp"
#include "bench/gateway/watch_phase.hpp"
#include "bench/gateway/write_phase.hpp"

namespace gw = kactor::bench::gateway;

namespace {

// 1,000 watches plus 100 clients, on both sides: raise the soft limit to the hard one before
// `kactor up` starts (it inherits the limit).
void raise_open_files() {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return;
  lim.rlim_cur = lim.rlim_max;
  if (setrlimit(RLIMIT_NOFILE, &lim) == 0)
    std::printf("open files limit %llu\n", static_cast<unsigned long long>(lim.rlim_cur));
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

bool wants(const std::vector<std::string>& phases, const std::string& name) {
  for (auto& p : phases)
    if (p == name) return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"throughput, LIST and watch delivery figures of kactor's Kubernetes API"};
  std::string binary = KACTOR_BENCH_DEFAULT_BINARY;
  std::string tmp_root = std::filesystem::temp_directory_path().string();
  double seconds = 5;
  std::vector<std::string> phases{"crud", "list", "watch"};
  gw::bench_options opts;
  int spacing_ms = 20;
  bool keep = false;
  app.add_option("--kactor", binary, "the kactor binary (default: this build tree's)");
  app.add_option("--tmp-dir", tmp_root, "where the data dir is created (default: $TMPDIR or /tmp)");
  app.add_option("--seconds", seconds, "duration of each closed-loop run")
      ->check(CLI::PositiveNumber);
  app.add_option("--clients", opts.clients, "concurrency levels of the CRUD runs")->delimiter(',');
  app.add_option("--pods", opts.pods, "pods in the LIST namespace")->check(CLI::PositiveNumber);
  app.add_option("--list-repeats", opts.list_repeats, "timed LISTs per format")
      ->check(CLI::PositiveNumber);
  app.add_option("--watchers", opts.watchers, "concurrent watches")->check(CLI::PositiveNumber);
  app.add_option("--writes", opts.writes, "writes seen by every watch")->check(CLI::PositiveNumber);
  app.add_option("--write-spacing-ms", spacing_ms, "from one write's send to the next");
  app.add_option("--phases", phases, "which of crud,list,watch,writes to run")->delimiter(',');
  app.add_flag("--keep-data-dir", keep, "leave kactor's data dir (with its log) in place");
  CLI11_PARSE(app, argc, argv);
  opts.duration = std::chrono::milliseconds(static_cast<long>(seconds * 1000));
  opts.write_spacing = std::chrono::milliseconds(spacing_ms);

  raise_open_files();
  auto started = std::chrono::steady_clock::now();
  gw::kactor_process kactor;
  if (keep) kactor.keep_data_dir();
  if (auto why = kactor.start(binary, tmp_root); !why.empty()) {
    std::fprintf(stderr, "bench_gateway: %s\n", why.c_str());
    return 1;
  }
  gw::endpoint ep{"127.0.0.1", kactor.port()};
  std::printf("kactor up pid %d on 127.0.0.1:%u, data dir %s; load average %s\n", kactor.pid(),
              kactor.port(), kactor.data_dir().c_str(), load_average().c_str());
  std::fflush(stdout);

  std::vector<gw::goal> goals;
  auto add = [&goals](std::vector<gw::goal> more) {
    goals.insert(goals.end(), more.begin(), more.end());
  };
  if (wants(phases, "crud")) add(gw::run_crud_phase(ep, opts));
  if (wants(phases, "list")) add(gw::run_list_phase(ep, opts));
  if (wants(phases, "watch")) add(gw::run_watch_phase(ep, opts));
  if (wants(phases, "writes")) add(gw::run_write_phase(ep, opts));
  auto load_end = load_average();
  int exit_code = kactor.stop();

  std::printf("kactor up exit code %d; load average at the end %s; total %.1f s\n", exit_code,
              load_end.c_str(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  std::printf("summary:");
  for (auto& g : goals)
    std::printf(" [%s %.2f <= %.0f: %s]", g.name.c_str(), g.measured, g.limit,
                g.met ? "met" : "NOT met");
  std::printf("\n");
  return 0;
}
