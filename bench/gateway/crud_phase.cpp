#include "bench/gateway/crud_phase.hpp"

#include <cstdio>

#include "bench/gateway/objects.hpp"

namespace kactor::bench::gateway {

namespace http = boost::beast::http;

namespace {

constexpr const char* crud_ns = "bench-crud";
constexpr const char* list_ns = "bench-list";
constexpr std::size_t list_size = 100;

std::string setup(http_client& client) {
  for (auto* ns : {crud_ns, list_ns})
    if (auto why = ensure_namespace(client, ns); !why.empty()) return why;
  auto target = std::string("/api/v1/namespaces/") + list_ns + "/configmaps";
  for (std::size_t i = 0; i < list_size; ++i) {
    auto r = client.request(http::verb::post, target,
                            configmap_json(list_ns, "item-" + std::to_string(i)));
    if (r.status != 201 && r.status != 409) return "seed " + target + ": " + r.error + r.body;
  }
  auto r =
      client.request(http::verb::post, std::string("/api/v1/namespaces/") + crud_ns + "/configmaps",
                     configmap_json(crud_ns, "get-target"));
  if (r.status != 201 && r.status != 409) return "create get-target: " + r.error + r.body;
  return {};
}

// Unique names per run: <prefix>-c<level>-<client>-<seq>.
request_source creates(const std::string& kind, std::size_t level) {
  return [kind, level](std::size_t client, std::uint64_t seq) -> std::optional<load_request> {
    auto name = kind + "-c" + std::to_string(level) + "-" + std::to_string(client) + "-" +
                std::to_string(seq);
    auto base = std::string("/api/v1/namespaces/") + crud_ns;
    if (kind == "cm")
      return load_request{http::verb::post, base + "/configmaps", configmap_json(crud_ns, name)};
    return load_request{http::verb::post, base + "/pods", pod_json(crud_ns, name)};
  };
}

request_source fixed_get(std::string target) {
  return [target](std::size_t, std::uint64_t) -> std::optional<load_request> {
    return load_request{http::verb::get, target, {}};
  };
}

}  // namespace

std::vector<goal> run_crud_phase(const endpoint& ep, const bench_options& opts) {
  http_client client(ep);
  if (auto why = setup(client); !why.empty()) {
    std::printf("crud setup failed: %s\n", why.c_str());
    return {goal{"crud setup", 1, 0, false}};
  }
  std::vector<goal> goals;
  auto get_target = std::string("/api/v1/namespaces/") + crud_ns + "/configmaps/get-target";
  auto list_target = std::string("/api/v1/namespaces/") + list_ns + "/configmaps";
  for (auto level : opts.clients) {
    load_options lo{level, opts.duration, 201};
    auto cm = run_closed_loop(ep, lo, creates("cm", level));
    print_load_line("create configmap", level, cm);
    auto pod = run_closed_loop(ep, lo, creates("pod", level));
    print_load_line("create pod", level, pod);
    lo.expected_status = 200;
    auto get = run_closed_loop(ep, lo, fixed_get(get_target));
    print_load_line("get configmap", level, get);
    auto list = run_closed_loop(ep, lo, fixed_get(list_target));
    print_load_line("list 100 cm", level, list);
    if (list.ok > 0)
      std::printf("list 100 cm      clients=%-3zu response %s\n", level,
                  format_bytes(static_cast<double>(list.response_bytes / list.ok)).c_str());
    if (level == 100) {
      goals.push_back(
          judge("create configmap p99 ms at 100 clients", cm.latency.p99_ms, 20, !cm.failed));
      goals.push_back(
          judge("create pod p99 ms at 100 clients", pod.latency.p99_ms, 20, !pod.failed));
    }
  }
  return goals;
}

}  // namespace kactor::bench::gateway
