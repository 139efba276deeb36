#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <google/protobuf/map.h>

#include "k8s/core/v1/pod.pb.h"
#include "k8s/resource/quantity.pb.h"

namespace kactor::scheduler {

/// A ResourceList as the proto carries it: resource name -> quantity text.
using resource_list = google::protobuf::Map<std::string, k8s::resource::Quantity>;

/// Amounts of every resource the scheduler accounts for, in the units kube-scheduler compares:
/// cpu in milli-cores, memory and ephemeral-storage in bytes, pods as a count, and every other
/// resource name (extended resources such as "example.com/gpu", hugepages-*) in whole units.
struct resource_amounts {
  std::int64_t milli_cpu = 0;
  std::int64_t memory = 0;
  std::int64_t ephemeral_storage = 0;
  std::int64_t pods = 0;
  /// The other resources, sorted by name, names unique; zero amounts may be present.
  std::vector<std::pair<std::string, std::int64_t>> scalar;

  /// The amount of a scalar resource, 0 when absent.
  std::int64_t scalar_amount(std::string_view name) const;

  /// this += other, resource by resource (scalars merged by name).
  void add(const resource_amounts& other);
  /// this -= other, resource by resource; used to undo an add of the same amounts.
  void subtract(const resource_amounts& other);
  /// this = max(this, other), resource by resource.
  void max_with(const resource_amounts& other);

  friend bool operator==(const resource_amounts&, const resource_amounts&) = default;
};

/// Reads a ResourceList. Quantities that do not parse count as 0 (bad input never crashes the
/// scheduler; the API server validates quantities before they reach it).
resource_amounts to_amounts(const resource_list& list);

/// What a pod asks of a node, computed once per pod.
struct pod_requests {
  /// The effective requests, as NodeResourcesFit compares them with free allocatable: the sum
  /// of the app containers and restartable (sidecar) init containers, or the largest need
  /// during the init phase when that is bigger, plus spec.overhead.
  resource_amounts requested;
  /// cpu and memory with kube-scheduler's defaults for containers that request none (100m
  /// cpu, 200Mi memory), aggregated the same way; the scoring plugins use these.
  std::int64_t non_zero_milli_cpu = 0;
  std::int64_t non_zero_memory = 0;
};

/// The requests of a pod spec. Example: containers of 100m and 200m, init containers of 500m
/// and 50m -> max(300m, 500m) = 500m; a sidecar init container (restartPolicy Always) of 10m
/// adds to the app sum and to every later init container's need.
pod_requests compute_pod_requests(const k8s::core::v1::PodSpec& spec);

/// Default cpu (milli) and memory (bytes) that scoring assumes for a container without them.
inline constexpr std::int64_t default_milli_cpu_request = 100;
inline constexpr std::int64_t default_memory_request = 200 * 1024 * 1024;

}  // namespace kactor::scheduler
