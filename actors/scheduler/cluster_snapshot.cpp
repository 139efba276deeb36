#include "actors/scheduler/cluster_snapshot.hpp"

#include <algorithm>

namespace kactor::scheduler {

namespace {

bool counts_on_node(const k8s::core::v1::Pod& pod) {
  const auto& phase = pod.status().phase();
  return !pod.spec().nodename().empty() && phase != "Succeeded" && phase != "Failed";
}

}  // namespace

void node_info::add_pod(std::shared_ptr<const pod_info> pod) {
  requested_.add(pod->requests.requested);
  non_zero_milli_cpu_ += pod->requests.non_zero_milli_cpu;
  non_zero_memory_ += pod->requests.non_zero_memory;
  used_ports_.insert(used_ports_.end(), pod->host_ports.begin(), pod->host_ports.end());
  if (pod->has_required_anti_affinity) ++anti_affinity_pods_;
  if (pod->has_pod_affinity_terms()) affinity_pods_.push_back(pod);
  pods_.push_back(std::move(pod));
}

void node_info::remove_pod(const pod_info* pod) {
  auto it = std::find_if(pods_.begin(), pods_.end(), [&](const auto& p) { return p.get() == pod; });
  if (it == pods_.end()) return;
  requested_.subtract(pod->requests.requested);
  non_zero_milli_cpu_ -= pod->requests.non_zero_milli_cpu;
  non_zero_memory_ -= pod->requests.non_zero_memory;
  for (const auto& port : pod->host_ports) {
    auto used = std::find(used_ports_.begin(), used_ports_.end(), port);
    if (used != used_ports_.end()) used_ports_.erase(used);
  }
  if (pod->has_required_anti_affinity) --anti_affinity_pods_;
  if (pod->has_pod_affinity_terms()) {
    auto a = std::find_if(affinity_pods_.begin(), affinity_pods_.end(),
                          [&](const auto& p) { return p.get() == pod; });
    if (a != affinity_pods_.end()) {
      std::swap(*a, affinity_pods_.back());
      affinity_pods_.pop_back();
    }
  }
  std::swap(*it, pods_.back());
  pods_.pop_back();
}

cluster_snapshot cluster_snapshot::from_lists(const std::vector<k8s::core::v1::Node>& nodes,
                                              const std::vector<k8s::core::v1::Pod>& pods) {
  cluster_snapshot snapshot;
  for (const auto& node : nodes)
    snapshot.upsert_node(node);
  for (const auto& pod : pods)
    snapshot.upsert_pod(pod);
  return snapshot;
}

node_info& cluster_snapshot::node_slot(std::string_view name) {
  auto it = nodes_.find(name);
  if (it == nodes_.end()) {
    auto info = std::make_unique<node_info>();
    info->name_ = std::string(name);
    it = nodes_.emplace(info->name_, std::move(info)).first;
  }
  return *it->second;
}

void cluster_snapshot::drop_if_unused(const std::string& name) {
  auto it = nodes_.find(name);
  if (it != nodes_.end() && !it->second->has_node_ && it->second->pods_.empty()) nodes_.erase(it);
}

void cluster_snapshot::upsert_node(k8s::core::v1::Node node) {
  ++generation_;
  auto& info = node_slot(node.metadata().name());
  const auto& before = info.node_.metadata().labels();
  const auto& after = node.metadata().labels();
  const bool recount = !spread_.empty() && (!info.has_node_ || spread_.relabels(before, after));
  const bool recount_terms =
      anti_terms_.size() > 0 && (!info.has_node_ || anti_terms_.relabels(before, after));
  if (recount) spread_.node_contribution(info, -1);
  if (recount_terms) anti_terms_.node_contribution(info, -1);
  info.allocatable_ = to_amounts(node.status().allocatable());
  info.node_ = std::move(node);
  if (!info.has_node_) {
    info.has_node_ = true;
    live_.push_back(&info);
  }
  if (recount) spread_.node_contribution(info, 1);
  if (recount_terms) anti_terms_.node_contribution(info, 1);
}

void cluster_snapshot::remove_node(std::string_view name) {
  auto it = nodes_.find(name);
  if (it == nodes_.end() || !it->second->has_node_) return;
  ++generation_;
  auto& info = *it->second;
  spread_.node_contribution(info, -1);
  anti_terms_.node_contribution(info, -1);
  live_.erase(std::find(live_.begin(), live_.end(), &info));
  info.has_node_ = false;
  info.node_.Clear();
  info.allocatable_ = {};
  drop_if_unused(info.name_);
}

void cluster_snapshot::upsert_pod(k8s::core::v1::Pod pod) {
  if (!counts_on_node(pod)) {
    remove_pod(pod.metadata().namespace_(), pod.metadata().name());
    return;
  }
  upsert_pod(make_pod_info(std::move(pod)));
}

void cluster_snapshot::upsert_pod(std::shared_ptr<const pod_info> pod) {
  if (!counts_on_node(*pod->pod)) {
    remove_pod(pod->namespace_name(), pod->name());
    return;
  }
  ++generation_;
  auto it = pods_.find(pod->key);
  if (it != pods_.end()) {
    remove_pod(it->second->namespace_name(), it->second->name());
  }
  auto& node = node_slot(pod->spec().nodename());
  node.add_pod(pod);
  spread_.pod_contribution(*pod, &node, 1);
  anti_terms_.pod_contribution(*pod, &node, 1);
  if (pod->has_required_anti_affinity) ++anti_affinity_pods_;
  if (pod->has_pod_affinity_terms()) ++affinity_pods_;
  if (pod->has_score_terms()) ++score_term_pods_;
  index_.add(*pod);
  pods_.emplace(pod->key, std::move(pod));
}

void cluster_snapshot::remove_pod(std::string_view namespace_name, std::string_view name) {
  auto it = pods_.find(pod_key(namespace_name, name));
  if (it == pods_.end()) return;
  ++generation_;
  auto pod = std::move(it->second);
  pods_.erase(it);
  const auto& node_name = pod->spec().nodename();
  auto slot = nodes_.find(node_name);
  node_info* node = slot == nodes_.end() ? nullptr : slot->second.get();
  spread_.pod_contribution(*pod, node, -1);
  anti_terms_.pod_contribution(*pod, node, -1);
  if (node != nullptr) {
    node->remove_pod(pod.get());
    drop_if_unused(node->name_);
  }
  if (pod->has_required_anti_affinity) --anti_affinity_pods_;
  if (pod->has_pod_affinity_terms()) --affinity_pods_;
  if (pod->has_score_terms()) --score_term_pods_;
  index_.remove(*pod);
}

const node_info* cluster_snapshot::find_node(std::string_view name) const {
  auto it = nodes_.find(name);
  return it == nodes_.end() ? nullptr : it->second.get();
}

const pod_info* cluster_snapshot::find_pod(std::string_view namespace_name,
                                           std::string_view name) const {
  auto it = pods_.find(pod_key(namespace_name, name));
  return it == pods_.end() ? nullptr : it->second.get();
}

}  // namespace kactor::scheduler
