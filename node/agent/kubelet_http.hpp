#pragma once

#include <memory>
#include <string>

#include "actors/informer/snapshot.hpp"
#include "gateway/http/router.hpp"
#include "node/runtime/runtime.hpp"

// The kubelet's own HTTP endpoint (loopback by default, like the read-only port 10255):
//   GET /healthz        "ok"
//   GET /pods           the PodList of the pods bound to this node, as the kubelet sees them
//   GET /stats/summary  node and per-pod/container usage in the kubelet Summary API's shape
//                       (cpu usageCoreNanoSeconds, memory workingSetBytes/rssBytes from /proc)
// Served by the same HTTP server library as the gateway (gateway/http: infrastructure, not
// the gateway role).
namespace kactor::node::agent {

struct kubelet_http_deps {
  std::string node_name;
  std::shared_ptr<informer::cache> pods;  // the kubelet's pod cache (its pods only)
  std::shared_ptr<runtime::runtime> rt;
};

std::shared_ptr<http::router> kubelet_routes(kubelet_http_deps deps);

// The Summary API document for `pods` and the runtime's containers (reads /proc).
std::string stats_summary(const kubelet_http_deps& deps);

}  // namespace kactor::node::agent
