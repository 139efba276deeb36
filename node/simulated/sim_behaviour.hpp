#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "k8s/core/v1/node.pb.h"
#include "k8s/core/v1/pod.pb.h"

// How a simulated pod or node behaves, told through annotations (docs/simulated.md), so
// kubectl can steer a simulation:
//   pod  sim.kactor.io/run-for: "30s"   the containers exit after running this long (Go
//                                        duration), then restart per the restartPolicy
//   pod  sim.kactor.io/exit-code: "1"   their exit code (default 0)
//   node sim.kactor.io/down: "true"     the node stops: no Lease renewal, no status, pods left
//                                        as they are, until the annotation goes
namespace kactor::node::simulated {

inline constexpr const char* run_for_annotation = "sim.kactor.io/run-for";
inline constexpr const char* exit_code_annotation = "sim.kactor.io/exit-code";
inline constexpr const char* down_annotation = "sim.kactor.io/down";

struct pod_behaviour {
  std::optional<std::chrono::milliseconds> run_for;  // none: run until deleted
  int exit_code = 0;
  std::string problem;  // an annotation that did not parse (it is then ignored)
};

// The pod's behaviour from its annotations; bad values are reported in `problem` and ignored.
pod_behaviour behaviour_of(const k8s::core::v1::Pod& pod);

// True when the node is told to be down.
bool told_down(const k8s::core::v1::Node& node);

}  // namespace kactor::node::simulated
