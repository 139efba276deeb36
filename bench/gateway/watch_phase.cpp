#include "bench/gateway/watch_phase.hpp"

#include <cstdio>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "bench/gateway/objects.hpp"
#include "bench/gateway/watch_fanout.hpp"

namespace kactor::bench::gateway {

namespace http = boost::beast::http;
using clock_type = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

constexpr const char* watch_ns = "bench-watch";

struct write_times {
  clock_type::time_point sent;
  clock_type::time_point acked;
};

// The namespace's configmaps list resourceVersion, or "" on failure.
std::string current_rv(http_client& client) {
  auto r = client.request(http::verb::get,
                          std::string("/api/v1/namespaces/") + watch_ns + "/configmaps");
  if (r.status != 200) return {};
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (j.is_discarded()) return {};
  return j.value("/metadata/resourceVersion"_json_pointer, std::string());
}

// Creates the writes; returns their times by name (a failed write is left out and printed).
std::unordered_map<std::string, write_times> write_all(const endpoint& ep,
                                                       const bench_options& opts) {
  http_client writer(ep);
  std::unordered_map<std::string, write_times> writes;
  auto target = std::string("/api/v1/namespaces/") + watch_ns + "/configmaps";
  for (std::size_t i = 0; i < opts.writes; ++i) {
    auto name = "w-" + std::to_string(i);
    auto r = writer.request(http::verb::post, target, configmap_json(watch_ns, name));
    if (r.status == 201)
      writes[name] = {r.sent, r.received};
    else
      std::printf("watch write %s failed: HTTP %u %s\n", name.c_str(), r.status, r.error.c_str());
    std::this_thread::sleep_until(r.sent + opts.write_spacing);
  }
  return writes;
}

struct deliveries {
  std::vector<double> from_ack;   // ms from the write's 201 to the event line, per pair
  std::vector<double> from_send;  // ms from the write's send
  std::uint64_t duplicates = 0;   // a second ADDED of the same write on one watcher
  std::uint64_t unexpected = 0;   // other types, or objects that are not one of the writes
};

// Matches each watcher's event lines to the writes by object name.
deliveries tally(const std::vector<std::vector<delivery>>& received,
                 const std::unordered_map<std::string, write_times>& writes) {
  deliveries t;
  for (auto& events : received) {
    std::unordered_set<std::string> seen;
    for (auto& d : events) {
      auto w = writes.find(d.name);
      if (d.type != "ADDED" || w == writes.end()) {
        ++t.unexpected;
        continue;
      }
      if (!seen.insert(d.name).second) {
        ++t.duplicates;
        continue;
      }
      t.from_ack.push_back(elapsed_ms(w->second.acked, d.at));
      t.from_send.push_back(elapsed_ms(w->second.sent, d.at));
    }
  }
  return t;
}

}  // namespace

std::vector<goal> run_watch_phase(const endpoint& ep, const bench_options& opts) {
  http_client client(ep);
  std::string rv;
  if (auto why = ensure_namespace(client, watch_ns);
      !why.empty() || (rv = current_rv(client)).empty()) {
    std::printf("watch setup failed: %s\n", why.empty() ? "no resourceVersion" : why.c_str());
    return {goal{"watch setup", 1, 0, false}};
  }
  watch_fanout fanout(ep,
                      std::string("/api/v1/namespaces/") + watch_ns +
                          "/configmaps?watch=true&resourceVersion=" + rv,
                      opts.watchers);
  auto open_start = clock_type::now();
  auto open = fanout.open(30s);
  std::printf("watch open       %zu of %zu watches in %.0f ms\n", open, opts.watchers,
              elapsed_ms(open_start, clock_type::now()));
  std::fflush(stdout);
  auto writes = write_all(ep, opts);
  auto expected = static_cast<std::uint64_t>(open) * writes.size();
  auto deadline = clock_type::now() + 20s;  // then the rest counts as missing
  while (fanout.delivered() < expected && clock_type::now() < deadline)
    std::this_thread::sleep_for(5ms);
  auto received = fanout.stop();

  auto t = tally(received, writes);
  auto missing = expected - t.from_ack.size();
  auto ack = summarize(t.from_ack);
  auto send = summarize(t.from_send);
  std::printf("watch delivery   %zu watchers x %zu writes: from 201 %s; from send %s\n", open,
              writes.size(), format_latency(ack).c_str(), format_latency(send).c_str());
  std::printf(
      "watch delivery   delivered %zu of %llu, missing (not within 20 s) %llu, duplicates %llu, "
      "unexpected %llu, broken streams %zu%s%s\n",
      ack.count, static_cast<unsigned long long>(expected),
      static_cast<unsigned long long>(missing), static_cast<unsigned long long>(t.duplicates),
      static_cast<unsigned long long>(t.unexpected), fanout.broken(),
      fanout.first_failure().empty() ? "" : ", first failure: ", fanout.first_failure().c_str());
  bool complete = open == opts.watchers && writes.size() == opts.writes && missing == 0;
  return {judge("watch delivery p99 ms (from 201)", ack.p99_ms, 50, complete)};
}

}  // namespace kactor::bench::gateway
