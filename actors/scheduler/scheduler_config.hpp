#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "messages/basic_result.hpp"

namespace kactor::scheduler {

/// The plugins this scheduler implements, named as kube-scheduler names them.
enum class plugin : std::uint8_t {
  node_unschedulable,                  ///< "NodeUnschedulable" (filter)
  node_name,                           ///< "NodeName" (filter)
  taint_toleration,                    ///< "TaintToleration" (filter, score)
  node_affinity,                       ///< "NodeAffinity" (filter, score)
  node_ports,                          ///< "NodePorts" (filter)
  node_resources_fit,                  ///< "NodeResourcesFit" (filter, score: LeastAllocated)
  inter_pod_affinity,                  ///< "InterPodAffinity" (filter, score)
  node_resources_balanced_allocation,  ///< "NodeResourcesBalancedAllocation" (score)
  pod_topology_spread,                 ///< "PodTopologySpread" (filter, score)
};

/// The kube-scheduler name of a plugin ("NodeResourcesFit").
std::string_view plugin_name(plugin p);
/// The plugin of a kube-scheduler name; nullopt for names this scheduler does not implement.
std::optional<plugin> plugin_from_name(std::string_view name);
/// Whether the plugin has a filter, or a score, extension point.
bool has_filter(plugin p);
bool has_score(plugin p);

/// A score plugin and the weight its normalized 0..100 score is multiplied by.
struct weighted_plugin {
  plugin name = plugin::node_resources_fit;
  std::int64_t weight = 1;

  friend bool operator==(const weighted_plugin&, const weighted_plugin&) = default;
};

/// The filters of kube-scheduler 1.32's default profile that exist here, in its order.
std::vector<plugin> default_filters();
/// The score plugins of the default profile with its weights: TaintToleration 3,
/// NodeAffinity 2, NodeResourcesFit 1, PodTopologySpread 2, InterPodAffinity 2,
/// NodeResourcesBalancedAllocation 1.
std::vector<weighted_plugin> default_scores();

/// What schedule_one runs. Defaults are kube-scheduler 1.32's default profile.
struct scheduler_config {
  /// Filter plugins in the order they run on a node; a node is rejected by the first that
  /// fails.
  std::vector<plugin> filters = default_filters();
  /// Score plugins and weights; a node's score is the sum of weight * normalized score.
  std::vector<weighted_plugin> scores = default_scores();
  /// Percent of the nodes to find feasible before scoring (1..100); 0 means adaptive:
  /// 50 - nodes / 125, at least 5. Clusters under 100 nodes are always searched whole, and
  /// at least 100 feasible nodes are looked for.
  std::int32_t percentage_of_nodes_to_score = 0;
};

/// Why a scheduler configuration was rejected, e.g. `plugins.score[1]: unknown plugin "Foo"`.
struct config_error {
  std::string message;
};

template <class T>
using config_result = messages::basic_result<T, config_error>;

/// Reads a scheduler configuration from YAML text (config/ reads the file):
///
///     percentageOfNodesToScore: 50          # optional, 0..100
///     plugins:
///       filter: [NodeName, NodeResourcesFit] # optional; names or {name: X} maps
///       score:                               # optional; weight defaults to 1, 1..100
///         - {name: NodeResourcesFit, weight: 2}
///
/// A missing list keeps the default; an empty list disables that extension point. Errors:
/// YAML syntax, unknown keys, unknown plugins, plugins without that extension point,
/// duplicates, weights or percentages out of range.
config_result<scheduler_config> parse_scheduler_config(std::string_view yaml);

}  // namespace kactor::scheduler
