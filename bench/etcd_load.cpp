#include "bench/etcd_load.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <unordered_map>

#include "k8s/core/v1/config.pb.h"

namespace kactor::bench {

namespace {

double ms_between(bench_clock::time_point from, bench_clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// 1024 printable pseudo-random bytes, the same for every put (a fixed seed), so neither side
// can profit from a compressible or a changing value.
const std::string& kib_payload() {
  static const std::string payload = [] {
    std::mt19937 gen(20261123);
    std::uniform_int_distribution<int> chars('!', '~');
    std::string out(1024, ' ');
    for (auto& c : out)
      c = static_cast<char>(chars(gen));
    return out;
  }();
  return payload;
}

}  // namespace

std::string bench_name(const std::string& run, int client, std::uint64_t index) {
  std::string name = run;
  name += "-c";
  name += std::to_string(client);
  name += '-';
  name += std::to_string(index);
  return name;
}

std::string bench_prefix() {
  std::string prefix = "/registry/configmaps/";
  prefix += bench_namespace;
  prefix += '/';
  return prefix;
}

std::string bench_key(const std::string& name) {
  return bench_prefix() + name;
}

std::string bench_value(const std::string& name) {
  k8s::core::v1::ConfigMap map;
  map.mutable_metadata()->set_name(name);
  map.mutable_metadata()->set_namespace_(bench_namespace);
  (*map.mutable_data())["value"] = kib_payload();
  return map.SerializeAsString();
}

double percentile(std::vector<double>& values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  // Nearest rank: the smallest value with at least p of the values at or below it.
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

point_summary summarize(const load_spec& spec, const run_log& log) {
  point_summary out;
  out.clients = spec.clients;
  std::vector<double> latencies;
  for (const auto& client : log.clients) {
    out.errors += client.errors;
    if (out.first_error.empty()) out.first_error = client.first_error;
    for (const auto& put : client.puts)
      latencies.push_back(ms_between(put.sent, put.acked));
  }
  out.puts = latencies.size();
  double seconds = std::chrono::duration<double>(log.end - log.begin).count();
  out.puts_per_second = seconds > 0 ? static_cast<double>(out.puts) / seconds : 0;
  out.p50_ms = percentile(latencies, 0.50);
  out.p99_ms = percentile(latencies, 0.99);
  if (!spec.watch) return out;

  std::unordered_map<std::string, bench_clock::time_point> received;
  received.reserve(log.watch.events.size());
  for (const auto& [name, at] : log.watch.events)
    received.emplace(name, at);
  watch_summary watch;
  std::vector<double> delays;
  for (std::size_t c = 0; c < log.clients.size(); ++c) {
    for (const auto& put : log.clients[c].puts) {
      auto it = received.find(bench_name(spec.run, static_cast<int>(c), put.index));
      if (it == received.end()) {
        ++watch.missing;
        continue;
      }
      delays.push_back(ms_between(put.acked, it->second));
      if (it->second < put.acked) ++watch.early;
    }
  }
  watch.events = delays.size();
  watch.p50_ms = percentile(delays, 0.50);
  watch.p99_ms = percentile(delays, 0.99);
  out.watch = watch;
  return out;
}

}  // namespace kactor::bench
