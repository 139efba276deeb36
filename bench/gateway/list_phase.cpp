#include "bench/gateway/list_phase.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "bench/gateway/objects.hpp"

namespace kactor::bench::gateway {

namespace http = boost::beast::http;

namespace {

constexpr const char* pods_ns = "bench-pods";
constexpr const char* table_accept = "application/json;as=Table;v=v1;g=meta.k8s.io";

bool create_pods(const endpoint& ep, std::size_t count) {
  std::size_t issued = 0;
  auto source = [&issued, count](std::size_t, std::uint64_t) -> std::optional<load_request> {
    if (issued >= count) return std::nullopt;
    auto name = "web-" + std::to_string(issued++);
    return load_request{http::verb::post, std::string("/api/v1/namespaces/") + pods_ns + "/pods",
                        pod_json(pods_ns, name)};
  };
  auto r = run_closed_loop(ep, {100, std::chrono::minutes(2), 201}, source);
  print_load_line("create list pods", 100, r);
  return r.ok == count;
}

// Items in a List, or rows in a Table; -1 when the body is not one of them.
long count_items(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return -1;
  if (j.contains("rows")) return static_cast<long>(j["rows"].size());
  if (j.contains("items")) return static_cast<long>(j["items"].size());
  return -1;
}

goal time_list(const endpoint& ep, const bench_options& opts, const std::string& label,
               const std::string& accept) {
  http_client client(ep);
  auto target = std::string("/api/v1/namespaces/") + pods_ns + "/pods";
  auto first = client.request(http::verb::get, target, {}, accept);  // warms the connection
  auto items = first.status == 200 ? count_items(first.body) : -1;
  bool complete = items == static_cast<long>(opts.pods);
  std::vector<double> samples;
  std::size_t bytes = first.body.size();
  for (std::size_t i = 0; i < opts.list_repeats; ++i) {
    auto r = client.request(http::verb::get, target, {}, accept);
    if (r.status != 200) {
      complete = false;
      std::printf("%s: HTTP %u %s\n", label.c_str(), r.status, r.error.c_str());
      continue;
    }
    samples.push_back(elapsed_ms(r.sent, r.received));
    bytes = r.body.size();
  }
  auto s = summarize(samples);
  std::printf("%-22s %zu pods: %s  (%zu timed, %s, %ld items)\n", label.c_str(), opts.pods,
              format_latency(s).c_str(), s.count, format_bytes(static_cast<double>(bytes)).c_str(),
              items);
  std::fflush(stdout);
  return judge(label + " p99 ms", s.p99_ms, 100, complete && s.count == opts.list_repeats);
}

}  // namespace

std::vector<goal> run_list_phase(const endpoint& ep, const bench_options& opts) {
  http_client client(ep);
  if (auto why = ensure_namespace(client, pods_ns); !why.empty()) {
    std::printf("list setup failed: %s\n", why.c_str());
    return {goal{"list setup", 1, 0, false}};
  }
  if (!create_pods(ep, opts.pods)) std::printf("list: not every pod was created\n");
  return {time_list(ep, opts, "list pods JSON", "application/json"),
          time_list(ep, opts, "list pods Table", table_accept)};
}

}  // namespace kactor::bench::gateway
