#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace kactor::scheduler {

/// How a filter judged a node, with kube-scheduler's distinction between failures that
/// preemption might fix and failures it cannot.
enum class filter_code : std::uint8_t {
  success,        ///< the pod may run on the node
  unschedulable,  ///< not now; evicting lower-priority pods might help (Unschedulable)
  unresolvable,   ///< no eviction can help (UnschedulableAndUnresolvable)
};

/// A filter's verdict. On failure `reasons` holds the texts kube-scheduler prints, one per
/// failed check ("Insufficient cpu", "node(s) were unschedulable" ...).
struct filter_status {
  filter_code code = filter_code::success;
  std::vector<std::string> reasons;

  bool ok() const { return code == filter_code::success; }

  static filter_status success() { return {}; }
  static filter_status fail(filter_code code, std::string reason) {
    filter_status s;
    s.code = code;
    s.reasons.push_back(std::move(reason));
    return s;
  }
};

}  // namespace kactor::scheduler
