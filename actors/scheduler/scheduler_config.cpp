#include "actors/scheduler/scheduler_config.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <yaml-cpp/yaml.h>

namespace kactor::scheduler {

namespace {

constexpr std::array<std::pair<plugin, std::string_view>, 9> plugin_names{{
    {plugin::node_unschedulable, "NodeUnschedulable"},
    {plugin::node_name, "NodeName"},
    {plugin::taint_toleration, "TaintToleration"},
    {plugin::node_affinity, "NodeAffinity"},
    {plugin::node_ports, "NodePorts"},
    {plugin::node_resources_fit, "NodeResourcesFit"},
    {plugin::inter_pod_affinity, "InterPodAffinity"},
    {plugin::node_resources_balanced_allocation, "NodeResourcesBalancedAllocation"},
    {plugin::pod_topology_spread, "PodTopologySpread"},
}};

config_error error_at(const std::string& where, const std::string& what) {
  return config_error{where + ": " + what};
}

// A plugin named by a scalar or a {name: X[, weight: N]} map.
config_result<weighted_plugin> read_entry(const YAML::Node& node, const std::string& where,
                                          bool with_weight) {
  std::string name;
  weighted_plugin entry;
  if (node.IsScalar()) {
    name = node.Scalar();
  } else if (node.IsMap()) {
    for (const auto& kv : node) {
      auto key = kv.first.Scalar();
      if (key == "name") {
        name = kv.second.Scalar();
      } else if (key == "weight" && with_weight) {
        std::int64_t weight = 0;
        if (!YAML::convert<std::int64_t>::decode(kv.second, weight) || weight < 1 || weight > 100)
          return error_at(where + ".weight", "must be an integer from 1 to 100");
        entry.weight = weight;
      } else {
        return error_at(where, "unknown field \"" + key + "\"");
      }
    }
  } else {
    return error_at(where, "expected a plugin name or {name: ...}");
  }
  auto p = plugin_from_name(name);
  if (!p) return error_at(where, "unknown plugin \"" + name + "\"");
  entry.name = *p;
  return entry;
}

config_result<std::vector<weighted_plugin>> read_list(const YAML::Node& node,
                                                      const std::string& where, bool scores) {
  if (!node.IsSequence()) return error_at(where, "expected a list of plugins");
  std::vector<weighted_plugin> out;
  for (std::size_t i = 0; i < node.size(); ++i) {
    auto at = where + "[" + std::to_string(i) + "]";
    auto entry = read_entry(node[i], at, scores);
    if (!entry) return entry.error();
    auto name = std::string(plugin_name(entry->name));
    if (scores ? !has_score(entry->name) : !has_filter(entry->name))
      return error_at(at, "plugin \"" + name + "\" has no " + (scores ? "score" : "filter"));
    if (std::any_of(out.begin(), out.end(), [&](const auto& e) { return e.name == entry->name; }))
      return error_at(at, "plugin \"" + name + "\" listed twice");
    out.push_back(*entry);
  }
  return out;
}

config_result<scheduler_config> read_config(const YAML::Node& root) {
  scheduler_config config;
  if (!root || root.IsNull()) return config;
  if (!root.IsMap()) return config_error{"expected a mapping at the top level"};
  for (const auto& kv : root) {
    auto key = kv.first.Scalar();
    if (key == "percentageOfNodesToScore") {
      std::int32_t pct = 0;
      if (!YAML::convert<std::int32_t>::decode(kv.second, pct) || pct < 0 || pct > 100)
        return error_at(key, "must be an integer from 0 to 100");
      config.percentage_of_nodes_to_score = pct;
    } else if (key == "plugins") {
      if (!kv.second.IsMap()) return error_at(key, "expected a mapping");
      for (const auto& point : kv.second) {
        auto name = point.first.Scalar();
        if (name != "filter" && name != "score")
          return error_at("plugins", "unknown extension point \"" + name + "\"");
        auto list = read_list(point.second, "plugins." + name, name == "score");
        if (!list) return list.error();
        if (name == "score") {
          config.scores = *list;
        } else {
          config.filters.clear();
          for (const auto& e : *list)
            config.filters.push_back(e.name);
        }
      }
    } else {
      return config_error{"unknown field \"" + key + "\""};
    }
  }
  return config;
}

}  // namespace

std::string_view plugin_name(plugin p) {
  for (const auto& [value, name] : plugin_names) {
    if (value == p) return name;
  }
  return "unknown";
}

std::optional<plugin> plugin_from_name(std::string_view name) {
  for (const auto& [value, n] : plugin_names) {
    if (n == name) return value;
  }
  return std::nullopt;
}

bool has_filter(plugin p) {
  return p != plugin::node_resources_balanced_allocation;
}

bool has_score(plugin p) {
  return p == plugin::taint_toleration || p == plugin::node_affinity ||
         p == plugin::node_resources_fit || p == plugin::inter_pod_affinity ||
         p == plugin::node_resources_balanced_allocation || p == plugin::pod_topology_spread;
}

std::vector<plugin> default_filters() {
  return {plugin::node_unschedulable,  plugin::node_name,         plugin::taint_toleration,
          plugin::node_affinity,       plugin::node_ports,        plugin::node_resources_fit,
          plugin::pod_topology_spread, plugin::inter_pod_affinity};
}

std::vector<weighted_plugin> default_scores() {
  return {{plugin::taint_toleration, 3},   {plugin::node_affinity, 2},
          {plugin::node_resources_fit, 1}, {plugin::pod_topology_spread, 2},
          {plugin::inter_pod_affinity, 2}, {plugin::node_resources_balanced_allocation, 1}};
}

config_result<scheduler_config> parse_scheduler_config(std::string_view yaml) {
  try {
    return read_config(YAML::Load(std::string(yaml)));
  } catch (const YAML::Exception& e) {
    // yaml-cpp reports syntax errors (with line and column) only by throwing.
    return config_error{std::string("invalid YAML: ") + e.what()};
  }
}

}  // namespace kactor::scheduler
