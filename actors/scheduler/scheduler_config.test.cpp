#include "actors/scheduler/scheduler_config.hpp"

#include <doctest/doctest.h>

using namespace kactor::scheduler;

namespace {

std::string error_of(std::string_view yaml) {
  auto r = parse_scheduler_config(yaml);
  REQUIRE_FALSE(r.has_value());
  return r.error().message;
}

}  // namespace

TEST_CASE("the defaults are kube-scheduler 1.32's default profile") {
  scheduler_config config;
  CHECK(config.percentage_of_nodes_to_score == 0);
  REQUIRE(config.filters.size() == 8);
  CHECK(plugin_name(config.filters.front()) == "NodeUnschedulable");
  CHECK(plugin_name(config.filters.back()) == "InterPodAffinity");
  CHECK(config.scores.front() == weighted_plugin{plugin::taint_toleration, 3});
  CHECK(plugin_name(config.filters[6]) == "PodTopologySpread");
  CHECK(config.scores[3] == weighted_plugin{plugin::pod_topology_spread, 2});
  auto empty = parse_scheduler_config("");
  REQUIRE(empty.has_value());
  CHECK(empty->filters == config.filters);
  CHECK(empty->scores == config.scores);
}

TEST_CASE("plugin lists and the percentage come from YAML") {
  auto r = parse_scheduler_config(R"(
percentageOfNodesToScore: 50
plugins:
  filter: [NodeName, {name: NodeResourcesFit}]
  score:
  - {name: NodeResourcesFit, weight: 5}
  - name: NodeResourcesBalancedAllocation
)");
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
  CHECK(r->percentage_of_nodes_to_score == 50);
  CHECK(r->filters == std::vector<plugin>{plugin::node_name, plugin::node_resources_fit});
  CHECK(r->scores == std::vector<weighted_plugin>{{plugin::node_resources_fit, 5},
                                                  {plugin::node_resources_balanced_allocation, 1}});
}

TEST_CASE("a missing list keeps its default, an empty one disables the extension point") {
  auto r = parse_scheduler_config("plugins: {score: []}");
  REQUIRE(r.has_value());
  CHECK(r->scores.empty());
  CHECK(r->filters == default_filters());
}

TEST_CASE("bad configurations are errors with a location") {
  CHECK(error_of("plugins: {filter: [Foo]}") == "plugins.filter[0]: unknown plugin \"Foo\"");
  CHECK(error_of("plugins: {filter: [NodeResourcesBalancedAllocation]}") ==
        "plugins.filter[0]: plugin \"NodeResourcesBalancedAllocation\" has no filter");
  CHECK(error_of("plugins: {score: [NodePorts]}") ==
        "plugins.score[0]: plugin \"NodePorts\" has no score");
  CHECK(error_of("plugins: {score: [{name: NodeAffinity, weight: 0}]}") ==
        "plugins.score[0].weight: must be an integer from 1 to 100");
  CHECK(error_of("plugins: {filter: [NodeName, NodeName]}") ==
        "plugins.filter[1]: plugin \"NodeName\" listed twice");
  CHECK(error_of("plugins: {preFilter: []}") == "plugins: unknown extension point \"preFilter\"");
  CHECK(error_of("percentageOfNodesToScore: 101") ==
        "percentageOfNodesToScore: must be an integer from 0 to 100");
  CHECK(error_of("percentage: 5") == "unknown field \"percentage\"");
  CHECK(error_of("plugins: [x").rfind("invalid YAML: ", 0) == 0);
}

TEST_CASE("plugin names round-trip") {
  for (auto p : default_filters())
    CHECK(plugin_from_name(plugin_name(p)) == p);
  CHECK_FALSE(plugin_from_name("VolumeBinding").has_value());
}
