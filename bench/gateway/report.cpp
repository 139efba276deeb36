#include "bench/gateway/report.hpp"

#include <cstdio>

#include <boost/beast/http/verb.hpp>

#include "bench/gateway/objects.hpp"

namespace kactor::bench::gateway {

void print_load_line(const std::string& what, std::size_t clients, const load_result& r) {
  std::printf("%-16s clients=%-3zu %8.0f req/s  %s  (ok %llu, failed %llu", what.c_str(), clients,
              r.per_second(), format_latency(r.latency).c_str(),
              static_cast<unsigned long long>(r.ok), static_cast<unsigned long long>(r.failed));
  if (!r.first_failure.empty()) std::printf(", first failure: %s", r.first_failure.c_str());
  std::printf(")\n");
  std::fflush(stdout);
}

goal judge(const std::string& name, double measured, double limit, bool complete) {
  goal g{name, measured, limit, complete && measured <= limit};
  std::printf("goal %s: measured %.2f, limit %.2f%s: %s\n", name.c_str(), measured, limit,
              complete ? "" : " (incomplete: failures)", g.met ? "met" : "NOT met");
  std::fflush(stdout);
  return g;
}

std::string ensure_namespace(http_client& client, const std::string& name) {
  auto r =
      client.request(boost::beast::http::verb::post, "/api/v1/namespaces", namespace_json(name));
  if (!r.ok()) return "create namespace " + name + ": " + r.error;
  if (r.status != 201 && r.status != 409)
    return "create namespace " + name + ": HTTP " + std::to_string(r.status) + " " + r.body;
  return {};
}

std::string format_bytes(double bytes) {
  char text[64];
  if (bytes >= 1024.0 * 1024.0)
    std::snprintf(text, sizeof text, "%.2f MiB", bytes / 1024.0 / 1024.0);
  else
    std::snprintf(text, sizeof text, "%.1f KiB", bytes / 1024.0);
  return text;
}

}  // namespace kactor::bench::gateway
