#include "node/simulated/sim_identity.hpp"

#include "node/agent/node_status.hpp"

namespace kactor::node::simulated {

std::string node_name(const std::string& prefix, int index) {
  return prefix + "-" + std::to_string(index);
}

std::string node_ip(int index) {
  return "10." + std::to_string(64 + index / 256) + "." + std::to_string(index % 256) + ".1";
}

std::string pod_ip(int index, int slot) {
  return "10." + std::to_string(128 + index / 256) + "." + std::to_string(index % 256) + "." +
         std::to_string(slot + 1);
}

k8s::core::v1::Node make_sim_node(const simulated_nodes_options& o, int index,
                                  messages::timestamp now) {
  agent::machine_info m;
  m.arch = "amd64";
  m.kernel = "simulated";
  m.os_image = "kactor simulated node";
  auto name = node_name(o.prefix, index);
  auto node = agent::make_node(name, node_ip(index), m, now);
  auto& labels = *node.mutable_metadata()->mutable_labels();
  for (const auto& [k, v] : o.labels)
    labels[k] = v;
  labels[simulated_label] = "true";
  labels["node.kubernetes.io/instance-type"] = "kactor-simulated";
  if (o.zones > 0)
    labels["topology.kubernetes.io/zone"] = o.prefix + "-zone-" + std::to_string(index % o.zones);
  if (o.taint) {
    auto* t = node.mutable_spec()->add_taints();
    t->set_key(simulated_label);
    t->set_value("true");
    t->set_effect("NoSchedule");
  }
  auto* status = node.mutable_status();
  for (auto* map : {status->mutable_capacity(), status->mutable_allocatable()}) {
    (*map)["cpu"].set_string(o.cpu);
    (*map)["memory"].set_string(o.memory);
    (*map)["pods"].set_string(std::to_string(o.max_pods));
    (*map)["ephemeral-storage"].set_string("100Gi");
  }
  auto* info = status->mutable_nodeinfo();
  info->set_containerruntimeversion("simulated://0.1.0");
  info->set_kubeletversion("v1.32.0-kactor-simulated");
  return node;
}

bool reported_ready(const k8s::core::v1::Node& node) {
  for (const auto& c : node.status().conditions())
    if (c.type() == "Ready") return c.status() == "True";
  return false;
}

}  // namespace kactor::node::simulated
