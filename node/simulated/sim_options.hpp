#pragma once

#include <chrono>
#include <map>
#include <string>

// What `kactor kubelet --simulate N` and `kactor up --simulated-nodes N` run: N simulated nodes
// in one process (docs/simulated.md). Plain values; only `count` must be set.
namespace kactor::node::simulated {

struct simulated_nodes_options {
  std::string nats_url = "nats://127.0.0.1:4222";
  int count = 0;               // nodes <prefix>-0 .. <prefix>-(count-1); 1..16384
  std::string prefix = "sim";  // node names; two processes need two prefixes
  std::string cpu = "32";      // capacity = allocatable, Kubernetes quantities
  std::string memory = "256Gi";
  int max_pods = 110;
  // Extra labels of every node (kubernetes.io/hostname, os, arch, the zone and
  // kactor.io/simulated are always set).
  std::map<std::string, std::string> labels;
  // topology.kubernetes.io/zone = <prefix>-zone-<i mod zones>.
  int zones = 3;
  // The NoSchedule taint kactor.io/simulated=true that keeps pods without a toleration off.
  bool taint = true;
  // From a pod's arrival on its node to its containers running (and Ready).
  std::chrono::milliseconds pod_start_delay{0};
  // Lease renewal, as a kubelet's nodeLease renew interval.
  std::chrono::milliseconds lease_renew_interval{10'000};
  int lease_duration_seconds = 40;
  // The Node status is posted when it changes and at least this often (the kubelet's
  // nodeStatusReportFrequency).
  std::chrono::milliseconds status_report_frequency{300'000};
  // Back-off of a simulated container that exits and restarts: 10 s doubling to 5 min.
  std::chrono::seconds crash_backoff_initial{10};
  std::chrono::seconds crash_backoff_max{300};
  // Node registrations (create, status, Lease) in flight at once.
  int registration_concurrency = 64;
};

}  // namespace kactor::node::simulated
