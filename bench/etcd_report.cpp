#include "bench/etcd_report.hpp"

#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/utsname.h>

#include <array>
#include <thread>

namespace kactor::bench {

namespace {

// "4,812" style thousands for puts/s.
std::string rate(double per_second) {
  auto digits = std::to_string(static_cast<long long>(per_second + 0.5));
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string ms(double value) {
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%.2f", value);
  return buf.data();
}

// "| 4,812 | 0.19 | 0.41 " for one side, or dashes when it failed.
std::string put_cells(const std::optional<point_summary>& p) {
  if (!p) return "| failed | – | – ";  // the reason is among the notes
  return "| " + rate(p->puts_per_second) + " | " + ms(p->p50_ms) + " | " + ms(p->p99_ms) + " ";
}

// The goals, as the report's last line: kactor's throughput at the highest client count
// as a multiple of etcd's (goal >= 20x at 64 clients), and kactor's single-client p50 as a
// fraction of etcd's (goal <= 0.5).
void print_goal_line(std::FILE* out, const std::vector<compared_point>& puts) {
  const compared_point* widest = nullptr;
  const compared_point* single = nullptr;
  for (const auto& p : puts) {
    if (p.clients == 1) single = &p;
    if (widest == nullptr || p.clients > widest->clients) widest = &p;
  }
  std::string line = "\nratio";
  if (widest != nullptr && widest->etcd && widest->kactor && widest->etcd->puts_per_second > 0) {
    std::array<char, 160> buf{};
    std::snprintf(buf.data(), buf.size(),
                  " at %d clients: kactor/etcd throughput %.2fx (goal >= 20x at 64)",
                  widest->clients, widest->kactor->puts_per_second / widest->etcd->puts_per_second);
    line += buf.data();
  } else {
    line += " at the highest client count: not measured (a side failed)";
  }
  if (single != nullptr && single->etcd && single->kactor && single->etcd->p50_ms > 0) {
    std::array<char, 160> buf{};
    std::snprintf(buf.data(), buf.size(), "; 1-client p50 kactor/etcd %.2f (goal <= 0.5)",
                  single->kactor->p50_ms / single->etcd->p50_ms);
    line += buf.data();
  }
  std::fprintf(out, "%s\n", line.c_str());
}

void print_watch_row(std::FILE* out, const char* system, const std::optional<point_summary>& p) {
  if (!p || !p->watch) {
    std::fprintf(out, "| %s | – | failed or not run | – | – |\n", system);
    return;
  }
  const auto& w = *p->watch;
  std::fprintf(out, "| %s | %s | %zu (%zu missing, %zu before the ack) | %s | %s |\n", system,
               rate(p->puts_per_second).c_str(), w.events, w.missing, w.early, ms(w.p50_ms).c_str(),
               ms(w.p99_ms).c_str());
}

void print_errors(std::FILE* out, const char* system, const std::optional<point_summary>& p) {
  if (p && p->errors > 0)
    std::fprintf(out, "- %s, %d client(s): %zu failed put(s); first: %s\n", system, p->clients,
                 p->errors, p->first_error.c_str());
}

}  // namespace

void print_report(std::FILE* out, const report_context& ctx,
                  const std::vector<compared_point>& puts, const compared_point& watch,
                  const std::vector<std::string>& notes) {
  std::fprintf(out, "## etcd vs kactor's state role (bench_etcd_compare)\n\n");
  std::fprintf(out, "- commit %s; %s; data in %s\n", ctx.commit.c_str(), ctx.machine.c_str(),
               ctx.storage.c_str());
  std::fprintf(out, "- /proc/loadavg before: %s; after: %s\n", ctx.load_before.c_str(),
               ctx.load_after.c_str());
  std::fprintf(out,
               "- etcd (`%s`): one member, default durability (its WAL is fsynced per raft "
               "batch before a put is acknowledged); client: grpc++ on etcd's native gRPC API "
               "(KV.Put, Watch), one HTTP/2 connection for the clients, one for the watcher\n",
               ctx.etcd.c_str());
  std::fprintf(out,
               "- why gRPC and not the JSON gateway: it is etcd's native API and what "
               "kube-apiserver uses; the gateway would add an in-process gRPC hop and JSON + "
               "base64 to every etcd put, while kactor's clients speak its native protocol "
               "(protobuf over NATS)\n");
  std::fprintf(out,
               "- kactor: the state role in this process, default options (group commit: one "
               "LMDB fsync per batch before a put is acknowledged), its own nats-server (`%s`); "
               "clients: create requests on one low-latency bus connection; watcher: the "
               "configmaps event stream on a default connection\n",
               ctx.nats.c_str());
  std::fprintf(out,
               "- load: closed loop, each client one put in flight, fresh keys "
               "%s<run>-c<client>-<i>, value = a ConfigMap with 1 KiB of data (%zu bytes), "
               "%d s per point; clients run in this process on the same cores as the servers\n\n",
               bench_prefix().c_str(), ctx.value_bytes, ctx.seconds);
  std::fprintf(out,
               "| clients | etcd puts/s | etcd p50 ms | etcd p99 ms | kactor puts/s | kactor p50 "
               "ms | kactor p99 ms |\n|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const auto& p : puts)
    std::fprintf(out, "| %d %s%s|\n", p.clients, put_cells(p.etcd).c_str(),
                 put_cells(p.kactor).c_str());
  std::fprintf(out,
               "\nWatch latency, %d client: time from a put's acknowledgement (client side) to "
               "the watcher receiving its event; negative when the event came first.\n\n",
               watch.clients);
  std::fprintf(out,
               "| system | puts/s meanwhile | events | p50 ms | p99 ms |\n"
               "|---|---:|---|---:|---:|\n");
  print_watch_row(out, "etcd", watch.etcd);
  print_watch_row(out, "kactor", watch.kactor);
  std::fprintf(out, "\n");
  for (const auto& p : puts) {
    print_errors(out, "etcd", p.etcd);
    print_errors(out, "kactor", p.kactor);
  }
  print_errors(out, "etcd (watch run)", watch.etcd);
  print_errors(out, "kactor (watch run)", watch.kactor);
  for (const auto& note : notes)
    std::fprintf(out, "- %s\n", note.c_str());
  print_goal_line(out, puts);
}

std::string first_line_of(const std::string& command) {
  std::FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
  if (pipe == nullptr) return "";
  std::array<char, 512> buf{};
  std::string line;
  if (std::fgets(buf.data(), static_cast<int>(buf.size()), pipe) != nullptr) line = buf.data();
  while (std::fgets(buf.data(), static_cast<int>(buf.size()), pipe) != nullptr) {
  }
  ::pclose(pipe);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
    line.pop_back();
  return line;
}

std::string source_commit(const std::string& source_dir) {
  auto commit = first_line_of("git -C '" + source_dir + "' rev-parse --short HEAD");
  if (commit.empty()) return "unknown";
  auto changed =
      first_line_of("git -C '" + source_dir + "' status --porcelain --untracked-files=no");
  return changed.empty() ? commit : commit + "-dirty";
}

std::string machine_description() {
  std::string out = std::to_string(std::thread::hardware_concurrency()) + " CPUs";
  utsname name{};
  if (::uname(&name) == 0) out += std::string(", ") + name.sysname + " " + name.release;
  return out;
}

std::string storage_description(const std::filesystem::path& dir) {
  struct statfs fs {};
  if (::statfs(dir.c_str(), &fs) != 0) return dir.string();
  std::string type;
  switch (static_cast<unsigned long>(fs.f_type)) {
    case 0xEF53:
      type = "ext4";
      break;
    case 0x01021994:
      type = "tmpfs (fsync is free: figures not comparable to a disk)";
      break;
    case 0x794C7630:
      type = "overlayfs";
      break;
    case 0x58465342:
      type = "xfs";
      break;
    case 0x9123683E:
      type = "btrfs";
      break;
    default:
      type = "filesystem 0x" + [&] {
        std::array<char, 32> buf{};
        std::snprintf(buf.data(), buf.size(), "%lx", static_cast<unsigned long>(fs.f_type));
        return std::string(buf.data());
      }();
  }
  return dir.string() + " on " + type;
}

std::uintmax_t directory_bytes(const std::filesystem::path& dir) {
  std::error_code ec;
  std::uintmax_t total = 0;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    struct stat st {};
    // Allocated blocks, not the apparent size: LMDB's data file is sparse.
    if (it->is_regular_file(ec) && ::stat(it->path().c_str(), &st) == 0)
      total += static_cast<std::uintmax_t>(st.st_blocks) * 512;
  }
  return total;
}

}  // namespace kactor::bench
