#include "actors/scheduler/pod_scheduled.hpp"

#include <nlohmann/json.hpp>

namespace kactor::scheduler {

std::optional<std::string> unschedulable_condition_patch(const k8s::core::v1::Pod& pod,
                                                         std::string_view message,
                                                         messages::timestamp now) {
  const k8s::core::v1::PodCondition* current = nullptr;
  for (const auto& c : pod.status().conditions())
    if (c.type() == "PodScheduled") current = &c;
  auto transition = messages::format_rfc3339(now.seconds);
  if (current && current->status() == "False") {
    if (current->reason() == "Unschedulable" && current->message() == message) return std::nullopt;
    if (current->has_lasttransitiontime())
      transition =
          messages::format_rfc3339(messages::from_time(current->lasttransitiontime()).seconds);
  }
  nlohmann::json condition = {{"type", "PodScheduled"},    {"status", "False"},
                              {"reason", "Unschedulable"}, {"message", std::string(message)},
                              {"lastProbeTime", nullptr},  {"lastTransitionTime", transition}};
  nlohmann::json patch = {{"status", {{"conditions", nlohmann::json::array({condition})}}}};
  return patch.dump();
}

}  // namespace kactor::scheduler
