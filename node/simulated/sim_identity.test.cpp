#include "node/simulated/sim_identity.hpp"

#include <doctest/doctest.h>

#include "node/simulated/sim_behaviour.hpp"

using namespace kactor::node::simulated;

TEST_CASE("simulated node identity: names, addresses, the Node") {
  CHECK(node_name("sim", 12) == "sim-12");
  CHECK(node_ip(0) == "10.64.0.1");
  CHECK(node_ip(300) == "10.65.44.1");
  CHECK(pod_ip(300, 1) == "10.129.44.2");
  CHECK(pod_ip(max_simulated_nodes - 1, 253) == "10.191.255.254");

  simulated_nodes_options o;
  o.prefix = "fake";
  o.cpu = "8";
  o.memory = "32Gi";
  o.max_pods = 50;
  o.labels["team"] = "a";
  auto node = make_sim_node(o, 4, {1000, 0});
  const auto& labels = node.metadata().labels();
  CHECK(node.metadata().name() == "fake-4");
  CHECK(labels.at("kubernetes.io/hostname") == "fake-4");
  CHECK(labels.at("kactor.io/simulated") == "true");
  CHECK(labels.at("topology.kubernetes.io/zone") == "fake-zone-1");
  CHECK(labels.at("team") == "a");
  REQUIRE(node.spec().taints_size() == 1);
  CHECK(node.spec().taints(0).key() == "kactor.io/simulated");
  CHECK(node.spec().taints(0).effect() == "NoSchedule");
  CHECK(node.status().allocatable().at("cpu").string() == "8");
  CHECK(node.status().capacity().at("memory").string() == "32Gi");
  CHECK(node.status().allocatable().at("pods").string() == "50");
  CHECK(node.status().addresses(0).address() == "10.64.4.1");
  CHECK(reported_ready(node));

  o.taint = false;
  o.zones = 0;
  auto plain = make_sim_node(o, 4, {1000, 0});
  CHECK(plain.spec().taints_size() == 0);
  CHECK(plain.metadata().labels().count("topology.kubernetes.io/zone") == 0);
}

TEST_CASE("simulated behaviour: annotations of pods and nodes") {
  k8s::core::v1::Pod pod;
  auto b = behaviour_of(pod);
  CHECK(!b.run_for);
  CHECK(b.exit_code == 0);
  (*pod.mutable_metadata()->mutable_annotations())["sim.kactor.io/run-for"] = "1m30s";
  (*pod.mutable_metadata()->mutable_annotations())["sim.kactor.io/exit-code"] = "3";
  b = behaviour_of(pod);
  REQUIRE(b.run_for);
  CHECK(b.run_for->count() == 90'000);
  CHECK(b.exit_code == 3);
  CHECK(b.problem.empty());
  (*pod.mutable_metadata()->mutable_annotations())["sim.kactor.io/exit-code"] = "300";
  (*pod.mutable_metadata()->mutable_annotations())["sim.kactor.io/run-for"] = "soon";
  b = behaviour_of(pod);
  CHECK(!b.run_for);
  CHECK(b.exit_code == 0);
  CHECK(b.problem.find("sim.kactor.io/exit-code") != std::string::npos);

  k8s::core::v1::Node node;
  CHECK(!told_down(node));
  (*node.mutable_metadata()->mutable_annotations())["sim.kactor.io/down"] = "true";
  CHECK(told_down(node));
  (*node.mutable_metadata()->mutable_annotations())["sim.kactor.io/down"] = "false";
  CHECK(!told_down(node));
}
