#include "actors/scheduler/pod_info.hpp"

#include <doctest/doctest.h>

#include "actors/scheduler/scheduler_testing.hpp"

using namespace kactor::scheduler;

TEST_CASE("pod_info precomputes key, requests, host ports and affinity flags") {
  auto pod = testing::from_yaml<k8s::core::v1::Pod>(R"(
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  priority: 1000
  containers:
  - name: c
    image: host
    resources: {requests: {cpu: 250m}}
    ports:
    - {containerPort: 80, hostPort: 8080}
    - {containerPort: 53, hostPort: 53, protocol: UDP, hostIP: 127.0.0.1}
    - {containerPort: 9090}
  affinity:
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 1
        podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {}}
)");
  auto info = make_pod_info(pod);
  CHECK(info->key == "shop/web");
  CHECK(info->namespace_name() == "shop");
  CHECK(info->requests.requested.milli_cpu == 250);
  CHECK(info->priority == 1000);
  CHECK(info->host_ports ==
        std::vector<host_port>{{"0.0.0.0", "TCP", 8080}, {"127.0.0.1", "UDP", 53}});
  CHECK_FALSE(info->has_required_affinity);
  CHECK_FALSE(info->has_required_anti_affinity);
  CHECK(info->has_preferred_pod_affinity);
  CHECK(info->has_pod_affinity_terms());
}

TEST_CASE("host ports conflict on equal protocol and port when the addresses overlap") {
  host_port any{"0.0.0.0", "TCP", 80};
  CHECK(ports_conflict(any, {"10.0.0.1", "TCP", 80}));
  CHECK(ports_conflict({"10.0.0.1", "TCP", 80}, any));
  CHECK(ports_conflict({"10.0.0.1", "TCP", 80}, {"10.0.0.1", "TCP", 80}));
  CHECK_FALSE(ports_conflict({"10.0.0.1", "TCP", 80}, {"10.0.0.2", "TCP", 80}));
  CHECK_FALSE(ports_conflict(any, {"0.0.0.0", "UDP", 80}));
  CHECK_FALSE(ports_conflict(any, {"0.0.0.0", "TCP", 81}));
}
