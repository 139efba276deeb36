#include "actors/scheduler/filters.hpp"

#include <algorithm>

#include "actors/scheduler/selectors.hpp"

namespace kactor::scheduler {

namespace {

// Adds "Insufficient <name>" when `want` exceeds what is free; notes whether even an empty
// node could not hold it (then no eviction helps).
void check_fit(filter_status& status, std::string_view name, std::int64_t want,
               std::int64_t allocatable, std::int64_t requested) {
  if (want <= 0 || want <= allocatable - requested) return;
  status.reasons.push_back(std::string("Insufficient ").append(name));
  if (want > allocatable) {
    status.code = filter_code::unresolvable;
  } else if (status.code == filter_code::success) {
    status.code = filter_code::unschedulable;
  }
}

}  // namespace

filter_status filter_node_name(const pod_info& pod, const node_info& node) {
  const auto& wanted = pod.spec().nodename();
  if (wanted.empty() || wanted == node.name()) return filter_status::success();
  return filter_status::fail(filter_code::unresolvable, std::string(reason_node_name));
}

filter_status filter_node_unschedulable(const pod_info& pod, const node_info& node) {
  if (!node.node().spec().unschedulable()) return filter_status::success();
  k8s::core::v1::Taint taint;
  taint.set_key(std::string(unschedulable_taint_key));
  taint.set_effect("NoSchedule");
  if (tolerates(pod.spec().tolerations(), taint)) return filter_status::success();
  return filter_status::fail(filter_code::unresolvable, std::string(reason_unschedulable));
}

filter_status filter_node_resources_fit(const pod_info& pod, const node_info& node) {
  filter_status status;
  const auto& alloc = node.allocatable();
  const auto& used = node.requested();
  if (static_cast<std::int64_t>(node.pods().size()) + 1 > alloc.pods) {
    status.code = filter_code::unschedulable;
    status.reasons.emplace_back(reason_too_many_pods);
  }
  const auto& want = pod.requests.requested;
  check_fit(status, "cpu", want.milli_cpu, alloc.milli_cpu, used.milli_cpu);
  check_fit(status, "memory", want.memory, alloc.memory, used.memory);
  check_fit(status, "ephemeral-storage", want.ephemeral_storage, alloc.ephemeral_storage,
            used.ephemeral_storage);
  for (const auto& [name, amount] : want.scalar) {
    check_fit(status, name, amount, alloc.scalar_amount(name), used.scalar_amount(name));
  }
  return status;
}

filter_status filter_node_affinity(const pod_info& pod, const node_info& node) {
  if (matches_required_node_affinity(pod.spec(), node.node())) return filter_status::success();
  return filter_status::fail(filter_code::unresolvable, std::string(reason_node_affinity));
}

filter_status filter_taint_toleration(const pod_info& pod, const node_info& node) {
  for (const auto& taint : node.node().spec().taints()) {
    if (taint.effect() != "NoSchedule" && taint.effect() != "NoExecute") continue;
    if (tolerates(pod.spec().tolerations(), taint)) continue;
    return filter_status::fail(
        filter_code::unresolvable,
        "node(s) had untolerated taint {" + taint.key() + ": " + taint.value() + "}");
  }
  return filter_status::success();
}

filter_status filter_node_ports(const pod_info& pod, const node_info& node) {
  for (const auto& wanted : pod.host_ports) {
    for (const auto& used : node.used_ports()) {
      if (ports_conflict(wanted, used)) {
        return filter_status::fail(filter_code::unschedulable, std::string(reason_node_ports));
      }
    }
  }
  return filter_status::success();
}

}  // namespace kactor::scheduler
