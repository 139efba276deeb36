#include "node/agent/kubelet_http.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "k8s/core/v1/pod.pb.h"
#include "messages/codec/to_json.hpp"
#include "messages/registry.hpp"
#include "messages/time.hpp"
#include "node/runtime/container_config.hpp"

namespace kactor::node::agent {

namespace {

using nlohmann::json;

// cpu time (ns) and resident memory (bytes) of one process, from /proc; zeros when gone.
std::pair<std::uint64_t, std::uint64_t> process_usage(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), {});
  auto close = text.rfind(')');
  if (close == std::string::npos) return {0, 0};
  std::istringstream rest(text.substr(close + 2));
  std::string field;
  std::uint64_t utime = 0, stime = 0, rss_pages = 0;
  for (int i = 3; rest >> field; ++i) {  // field numbers as in proc(5)
    if (i == 14) utime = std::stoull(field);
    if (i == 15) stime = std::stoull(field);
    if (i == 24) {
      rss_pages = std::stoull(field);
      break;
    }
  }
  static const long ticks = ::sysconf(_SC_CLK_TCK);
  static const long page = ::sysconf(_SC_PAGESIZE);
  return {(utime + stime) * 1'000'000'000ULL / static_cast<std::uint64_t>(ticks),
          rss_pages * static_cast<std::uint64_t>(page)};
}

json usage_json(std::uint64_t cpu_ns, std::uint64_t memory, const std::string& time) {
  return {{"cpu", {{"time", time}, {"usageCoreNanoSeconds", cpu_ns}}},
          {"memory", {{"time", time}, {"workingSetBytes", memory}, {"rssBytes", memory}}}};
}

}  // namespace

std::string stats_summary(const kubelet_http_deps& deps) {
  auto now = messages::format_rfc3339(messages::now().seconds);
  auto containers = deps.rt->list_containers();
  json pods = json::array();
  std::uint64_t node_cpu = 0, node_memory = 0;
  deps.pods->current()->for_each([&](const informer::object_ptr& obj) {
    const auto* pod = obj->as<k8s::core::v1::Pod>();
    if (!pod) return;
    json list = json::array();
    std::uint64_t pod_cpu = 0, pod_memory = 0;
    for (const auto& c : containers) {
      auto uid = c.labels.find(runtime::label_pod_uid);
      if (uid == c.labels.end() || uid->second != pod->metadata().uid()) continue;
      if (c.state != runtime::container_state::running || c.pid <= 0) continue;
      auto [cpu, memory] = process_usage(c.pid);
      pod_cpu += cpu;
      pod_memory += memory;
      auto entry = usage_json(cpu, memory, now);
      entry["name"] = c.name;
      list.push_back(entry);
    }
    node_cpu += pod_cpu;
    node_memory += pod_memory;
    auto entry = usage_json(pod_cpu, pod_memory, now);
    entry["podRef"] = {{"name", pod->metadata().name()},
                       {"namespace", pod->metadata().namespace_()},
                       {"uid", pod->metadata().uid()}};
    entry["containers"] = list;
    pods.push_back(entry);
  });
  auto node = usage_json(node_cpu, node_memory, now);
  node["nodeName"] = deps.node_name;
  return json{{"node", node}, {"pods", pods}}.dump();
}

std::shared_ptr<http::router> kubelet_routes(kubelet_http_deps deps) {
  auto r = std::make_shared<http::router>();
  r->add_sync("GET", "/healthz",
              [](const http::request&) { return http::response::text(200, "ok"); });
  r->add_sync("GET", "/pods", [deps](const http::request&) {
    messages::json items = messages::json::array();
    deps.pods->current()->for_each([&](const informer::object_ptr& obj) {
      items.push_back(messages::to_json_object(*obj->message, messages::registry::generated()));
    });
    json list = {
        {"kind", "PodList"}, {"apiVersion", "v1"}, {"metadata", json::object()}, {"items", items}};
    return http::response::json(200, list.dump());
  });
  r->add_sync("GET", "/stats/summary", [deps](const http::request&) {
    return http::response::json(200, stats_summary(deps));
  });
  return r;
}

}  // namespace kactor::node::agent
