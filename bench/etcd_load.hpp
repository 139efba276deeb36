#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// What bench_etcd_compare's two drivers (etcd over gRPC, kactor's state role over the bus)
// share: the load they run, the keys and values they write, what they record, and the
// summary computed from the records. Both drivers record the same things the same way, so the
// figures differ only by the system under test.
namespace kactor::bench {

using bench_clock = std::chrono::steady_clock;

// A failure of a driver or of a server start, as text for the operator.
struct failure {
  std::string what;
};

// A value or a failure (the bench's error values; nothing throws across its files).
template <class T>
class result {
 public:
  result(T value) : value_(std::move(value)) {}
  result(failure f) : error_(std::move(f.what)) {}

  explicit operator bool() const { return value_.has_value(); }
  T& operator*() { return *value_; }
  T* operator->() { return &*value_; }
  // The failure's text; "" on success.
  const std::string& error() const { return error_; }

 private:
  std::optional<T> value_;
  std::string error_;
};

// One measured point: `clients` closed-loop clients (each has one put in flight and sends the
// next as soon as the previous one is acknowledged), each putting to fresh keys of its own,
// for `duration`; optionally one watcher on the key prefix.
struct load_spec {
  // Tells the keys of one point from those of another ("p2": keys p2-c<client>-<i>).
  std::string run;
  int clients = 1;
  std::chrono::milliseconds duration{5000};
  // Deadline of one put; a put past it counts as an error.
  std::chrono::milliseconds put_timeout{5000};
  // Also run one watcher on the prefix and record when each put's event arrives.
  bool watch = false;
  // Set (by a signal) to end the point early; the clients stop after their current put.
  const std::atomic<bool>* interrupted = nullptr;
};

// The namespace of every benchmark object; kactor stores only API resources, so the values
// are ConfigMaps in this namespace, and etcd gets the same bytes under the same keys.
inline constexpr const char* bench_namespace = "bench";
// "<run>-c<client>-<index>": the object name of a client's index-th put.
std::string bench_name(const std::string& run, int client, std::uint64_t index);
// "/registry/configmaps/bench/": the prefix every key lives under (kactor's layout).
std::string bench_prefix();
// bench_prefix() + name.
std::string bench_key(const std::string& name);
// The bytes stored for `name`: a k8s.core.v1.ConfigMap (name, namespace "bench") whose data
// holds one 1 KiB value, about 1.07 KiB serialized. The same bytes go to both systems.
std::string bench_value(const std::string& name);

// One acknowledged put.
struct put_sample {
  std::uint64_t index = 0;  // the put's index within its client (its key)
  bench_clock::time_point sent;
  bench_clock::time_point acked;
};

// What one client recorded. Written by that client only; read after it reported done.
struct client_log {
  std::vector<put_sample> puts;  // successful puts only
  std::size_t errors = 0;        // failed or timed-out puts
  std::string first_error;
};

// What the watcher recorded: the object name of each event and when it was received.
struct watch_log {
  std::vector<std::pair<std::string, bench_clock::time_point>> events;
};

// Everything recorded during one point.
struct run_log {
  bench_clock::time_point begin;  // when the first put was sent
  bench_clock::time_point end;    // when the last client finished
  std::vector<client_log> clients;
  watch_log watch;
};

struct watch_summary {
  std::size_t events = 0;   // events matched to an acknowledged put
  std::size_t missing = 0;  // acknowledged puts whose event never arrived
  std::size_t early = 0;    // events received before their put's acknowledgement
  double p50_ms = 0;        // receipt - acknowledgement (negative when early)
  double p99_ms = 0;
};

struct point_summary {
  int clients = 0;
  std::size_t puts = 0;
  std::size_t errors = 0;
  std::string first_error;
  double puts_per_second = 0;
  double p50_ms = 0;  // put sent -> acknowledged
  double p99_ms = 0;
  std::optional<watch_summary> watch;  // when the spec asked for a watcher
};

// Throughput over [begin, end], ack latency percentiles, and (with `spec.watch`) the watch
// latency of every acknowledged put, joined by object name.
point_summary summarize(const load_spec& spec, const run_log& log);

// The p-quantile (0 <= p <= 1) of `values` by nearest rank; sorts them. 0 when empty.
double percentile(std::vector<double>& values, double p);

}  // namespace kactor::bench
