#include "actors/scheduler/resources.hpp"

#include <doctest/doctest.h>

#include "actors/scheduler/scheduler_testing.hpp"

using namespace kactor::scheduler;
using kactor::scheduler::testing::from_yaml;

TEST_CASE("allocatable parses every resource into its unit") {
  auto node = from_yaml<k8s::core::v1::Node>(R"(
apiVersion: v1
kind: Node
metadata: {name: n1}
status:
  allocatable: {cpu: 3500m, memory: 2Gi, pods: "110", ephemeral-storage: 10G,
                example.com/gpu: "2", hugepages-2Mi: 4Mi}
)");
  auto a = to_amounts(node.status().allocatable());
  CHECK(a.milli_cpu == 3500);
  CHECK(a.memory == 2LL * 1024 * 1024 * 1024);
  CHECK(a.pods == 110);
  CHECK(a.ephemeral_storage == 10'000'000'000LL);
  CHECK(a.scalar_amount("example.com/gpu") == 2);
  CHECK(a.scalar_amount("hugepages-2Mi") == 4 * 1024 * 1024);
  CHECK(a.scalar_amount("absent") == 0);
  REQUIRE(a.scalar.size() == 2);
  CHECK(a.scalar[0].first == "example.com/gpu");  // sorted by name
}

TEST_CASE("pod requests: app containers sum, init containers take the max, overhead adds") {
  auto pod = from_yaml<k8s::core::v1::Pod>(R"(
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  overhead: {cpu: 10m, memory: 1Mi}
  initContainers:
  - {name: migrate, image: host, resources: {requests: {cpu: 500m, memory: 10Mi}}}
  - {name: small, image: host, resources: {requests: {cpu: 50m, example.com/gpu: "1"}}}
  containers:
  - {name: a, image: host, resources: {requests: {cpu: 100m, memory: 64Mi}}}
  - {name: b, image: host, resources: {requests: {cpu: 200m}}}
)");
  auto r = compute_pod_requests(pod.spec());
  CHECK(r.requested.milli_cpu == 500 + 10);             // max(300, 500) + overhead
  CHECK(r.requested.memory == (64 + 1) * 1024 * 1024);  // max(64Mi, 10Mi) + overhead
  CHECK(r.requested.scalar_amount("example.com/gpu") == 1);
  // Scoring: container b has no memory request and counts 200Mi; init containers too.
  CHECK(r.non_zero_milli_cpu == 510);
  CHECK(r.non_zero_memory == (64 + 200 + 1) * 1024 * 1024);
}

TEST_CASE("sidecar init containers keep running: they add to the app sum and later inits") {
  auto pod = from_yaml<k8s::core::v1::Pod>(R"(
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - {name: proxy, image: host, restartPolicy: Always, resources: {requests: {cpu: 100m}}}
  - {name: setup, image: host, resources: {requests: {cpu: 900m}}}
  containers:
  - {name: app, image: host, resources: {requests: {cpu: 200m}}}
)");
  auto r = compute_pod_requests(pod.spec());
  // app phase: 200m + 100m sidecar = 300m; init phase: setup 900m + sidecar 100m = 1000m.
  CHECK(r.requested.milli_cpu == 1000);
}

TEST_CASE("a pod without requests requests nothing, but scores as 100m and 200Mi") {
  auto r = compute_pod_requests(testing::make_pod("p").spec());
  CHECK(r.requested == resource_amounts{});
  CHECK(r.non_zero_milli_cpu == default_milli_cpu_request);
  CHECK(r.non_zero_memory == default_memory_request);
}

TEST_CASE("amounts add, subtract and take the max resource by resource") {
  resource_amounts a{1000, 10, 0, 0, {{"x/gpu", 1}}};
  resource_amounts b{500, 20, 5, 0, {{"a/fpga", 2}, {"x/gpu", 3}}};
  auto sum = a;
  sum.add(b);
  CHECK(sum.milli_cpu == 1500);
  CHECK(sum.scalar_amount("x/gpu") == 4);
  CHECK(sum.scalar_amount("a/fpga") == 2);
  sum.subtract(b);
  CHECK(sum.milli_cpu == a.milli_cpu);
  CHECK(sum.scalar_amount("x/gpu") == 1);
  auto peak = a;
  peak.max_with(b);
  CHECK(peak.milli_cpu == 1000);
  CHECK(peak.memory == 20);
  CHECK(peak.scalar_amount("x/gpu") == 3);
}

TEST_CASE("unparsable quantities count as zero instead of failing") {
  k8s::core::v1::Node node = testing::make_node("n", "lots", "8Gi");
  auto a = to_amounts(node.status().allocatable());
  CHECK(a.milli_cpu == 0);
  CHECK(a.memory == 8LL << 30);
}
