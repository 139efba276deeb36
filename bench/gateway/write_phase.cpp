#include "bench/gateway/write_phase.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>

#include "bench/gateway/objects.hpp"

namespace kactor::bench::gateway {

namespace http = boost::beast::http;

namespace {

constexpr const char* writes_ns = "bench-writes";
constexpr const char* controller_agent = "kube-controller-manager/v1.32.0 (linux/amd64)";
constexpr const char* scheduler_agent = "kube-scheduler/v1.32.0 (linux/amd64)";
constexpr const char* kubelet_agent = "kubelet/v1.32.0 (linux/amd64)";

const std::string pods_path = std::string("/api/v1/namespaces/") + writes_ns + "/pods";
const std::string leases_path =
    std::string("/apis/coordination.k8s.io/v1/namespaces/") + writes_ns + "/leases";

std::string pod_name(std::size_t level, std::size_t client, std::uint64_t seq) {
  return "w-c" + std::to_string(level) + "-" + std::to_string(client) + "-" + std::to_string(seq);
}

std::string lease_name(std::size_t client) {
  return "node-" + std::to_string(client);
}

std::string setup(http_client& client, std::size_t leases) {
  if (auto why = ensure_namespace(client, writes_ns); !why.empty()) return why;
  for (std::size_t i = 0; i < leases; ++i) {
    auto r = client.request(http::verb::post, leases_path, lease_json(writes_ns, lease_name(i), 0));
    if (r.status != 201 && r.status != 409) return "create lease: " + r.error + r.body;
  }
  return {};
}

using counts = std::shared_ptr<std::vector<std::uint64_t>>;

// Creates; `created` receives how many each client sent.
request_source creates(std::size_t level, counts created) {
  return [level, created](std::size_t client, std::uint64_t seq) -> std::optional<load_request> {
    (*created)[client] = seq + 1;
    return load_request{http::verb::post, pods_path,
                        pod_json(writes_ns, pod_name(level, client, seq)), controller_agent};
  };
}

request_source bindings(std::size_t level, counts created) {
  return [level, created](std::size_t client, std::uint64_t seq) -> std::optional<load_request> {
    if (seq >= (*created)[client]) return std::nullopt;
    auto name = pod_name(level, client, seq);
    return load_request{http::verb::post, pods_path + "/" + name + "/binding",
                        binding_json(writes_ns, name, "node-" + std::to_string(client % 10)),
                        scheduler_agent};
  };
}

request_source status_updates(std::size_t level, counts created) {
  return [level, created](std::size_t client, std::uint64_t seq) -> std::optional<load_request> {
    if ((*created)[client] == 0) return std::nullopt;
    auto name = pod_name(level, client, 0);
    return load_request{http::verb::put, pods_path + "/" + name + "/status",
                        pod_status_json(writes_ns, name, static_cast<int>(seq + 1)), kubelet_agent};
  };
}

request_source lease_renewals(std::size_t level) {
  return [level](std::size_t client, std::uint64_t seq) -> std::optional<load_request> {
    auto name = lease_name(client);
    auto renew = static_cast<long>(level * 100000 + seq + 1);
    return load_request{http::verb::put, leases_path + "/" + name,
                        lease_json(writes_ns, name, renew), kubelet_agent};
  };
}

}  // namespace

std::vector<goal> run_write_phase(const endpoint& ep, const bench_options& opts) {
  http_client client(ep);
  auto most = *std::max_element(opts.clients.begin(), opts.clients.end());
  if (auto why = setup(client, most); !why.empty()) {
    std::printf("writes setup failed: %s\n", why.c_str());
    return {goal{"writes setup", 1, 0, false}};
  }
  for (auto level : opts.clients) {
    auto created = std::make_shared<std::vector<std::uint64_t>>(level, 0);
    load_options lo{level, opts.duration, 201};
    print_load_line("create pod (ua)", level, run_closed_loop(ep, lo, creates(level, created)));
    print_load_line("bind pod", level, run_closed_loop(ep, lo, bindings(level, created)));
    lo.expected_status = 200;
    print_load_line("pod status put", level,
                    run_closed_loop(ep, lo, status_updates(level, created)));
    print_load_line("lease put", level, run_closed_loop(ep, lo, lease_renewals(level)));
  }
  return {};
}

}  // namespace kactor::bench::gateway
