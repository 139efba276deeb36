#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/expected.hpp>

namespace spdlog {
class logger;
}

// The kubelet: one node. It registers its Node (machine capacity, labels, addresses,
// conditions) and keeps posting its status and renewing its Lease; it watches the pods bound to
// it and runs them through the process runtime (sandbox, init containers in order, app
// containers, restartPolicy with CrashLoopBackOff, liveness/readiness/startup probes, graceful
// deletion), reporting their status as Kubernetes does; it serves logs and exec for them
// (node/podio) and mirrors static pods (node/staticpods). On start it re-adopts the sandboxes
// and containers its runtime recorded: those of pods still bound here are kept, others
// removed. docs/kubelet.md.
namespace kactor::node::agent {

struct kubelet_options {
  std::string nats_url = "nats://127.0.0.1:4222";
  std::string node_name;              // required
  std::string node_ip = "127.0.0.1";  // InternalIP, and every pod's IP (no pod network yet)
  std::filesystem::path root_dir;     // required: <root>/runtime (state), <root>/pods (logs)
  std::chrono::milliseconds node_status_update_frequency{10000};  // status and Lease
  int lease_duration_seconds = 40;
  std::chrono::seconds crash_backoff_initial{10};  // CrashLoopBackOff: 10 s doubling ...
  std::chrono::seconds crash_backoff_max{300};     // ... to 5 min
  bool use_cgroups = true;                         // limits through cgroups where writable
  // The kubelet's own HTTP endpoint (kubelet_http.hpp): address and port (0: any free port;
  // the Node's daemonEndpoints names the bound one).
  std::string http_address = "127.0.0.1";
  std::uint16_t http_port = 0;
  // Static pods (docs/staticpods.md); empty: none.
  std::filesystem::path pod_manifest_path;
  std::chrono::milliseconds file_check_frequency{20000};
  std::string manifest_url;
  std::chrono::milliseconds http_check_frequency{20000};
};

// Spawns the kubelet's top actor. Fails with caf::sec::invalid_argument for a missing node
// name or root dir, and when the runtime's state dir cannot be created. Exit the actor to
// stop: its containers keep running (a new kubelet re-adopts them).
caf::expected<caf::actor> spawn_kubelet(caf::actor_system& sys, kubelet_options options,
                                        std::shared_ptr<spdlog::logger> log);

}  // namespace kactor::node::agent
