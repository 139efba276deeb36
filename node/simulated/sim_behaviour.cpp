#include "node/simulated/sim_behaviour.hpp"

#include <charconv>

#include "messages/time.hpp"

namespace kactor::node::simulated {

pod_behaviour behaviour_of(const k8s::core::v1::Pod& pod) {
  pod_behaviour b;
  const auto& a = pod.metadata().annotations();
  if (auto it = a.find(run_for_annotation); it != a.end()) {
    auto ns = messages::parse_go_duration(it->second);
    if (ns && *ns >= 0)
      b.run_for =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::nanoseconds(*ns));
    else
      b.problem =
          std::string(run_for_annotation) + ": not a non-negative duration: \"" + it->second + "\"";
  }
  if (auto it = a.find(exit_code_annotation); it != a.end()) {
    const auto& text = it->second;
    int code = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), code);
    if (ec == std::errc() && end == text.data() + text.size() && code >= 0 && code <= 255)
      b.exit_code = code;
    else
      b.problem = std::string(exit_code_annotation) + ": not an exit code 0..255: \"" + text + "\"";
  }
  return b;
}

bool told_down(const k8s::core::v1::Node& node) {
  const auto& a = node.metadata().annotations();
  auto it = a.find(down_annotation);
  return it != a.end() && it->second == "true";
}

}  // namespace kactor::node::simulated
