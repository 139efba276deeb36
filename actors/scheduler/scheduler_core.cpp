#include "actors/scheduler/scheduler_core.hpp"

#include <google/protobuf/util/message_differencer.h>

#include "actors/scheduler/pod_scheduled.hpp"

namespace kactor::scheduler {

namespace {

using google::protobuf::util::MessageDifferencer;
using k8s::core::v1::Node;
using k8s::core::v1::Pod;

bool finished(const Pod& pod) {
  const auto& phase = pod.status().phase();
  return phase == "Succeeded" || phase == "Failed";
}

// Assigned and not finished: holds resources on its node.
bool holds_node(const Pod& pod) {
  return !pod.spec().nodename().empty() && !finished(pod);
}

template <class Map>
bool same_map(const Map& a, const Map& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [k, v] : a) {
    auto it = b.find(k);
    if (it == b.end() || !MessageDifferencer::Equals(it->second, v)) return false;
  }
  return true;
}

bool same_labels(const k8s::meta::v1::ObjectMeta& a, const k8s::meta::v1::ObjectMeta& b) {
  if (a.labels_size() != b.labels_size()) return false;
  for (const auto& [k, v] : a.labels()) {
    auto it = b.labels().find(k);
    if (it == b.labels().end() || it->second != v) return false;
  }
  return true;
}

// A node change that may let a parked pod fit (kube-scheduler ignores heartbeats too).
bool node_update_matters(const Node& old, const Node& now) {
  return !same_labels(old.metadata(), now.metadata()) ||
         !MessageDifferencer::Equals(old.spec(), now.spec()) ||
         !same_map(old.status().allocatable(), now.status().allocatable());
}

// A pod change that may change where it fits: its spec or labels (not its status).
bool pod_update_matters(const Pod& old, const Pod& now) {
  return !same_labels(old.metadata(), now.metadata()) ||
         !MessageDifferencer::Equals(old.spec(), now.spec());
}

}  // namespace

scheduler_core::scheduler_core(core_options options, core_effects effects)
    : options_(std::move(options)), effects_(std::move(effects)), queue_(options_.queue) {}

bool scheduler_core::wants(const Pod& pod) const {
  const auto& name = pod.spec().schedulername();
  bool ours = name == options_.scheduler_name ||
              (name.empty() && options_.scheduler_name == "default-scheduler");
  return ours && pod.spec().nodename().empty() && !pod.metadata().has_deletiontimestamp() &&
         !finished(pod) && pod.spec().schedulinggates_size() == 0;
}

bool scheduler_core::assumed(std::string_view key) const {
  return assumed_.contains(key);
}

void scheduler_core::node_changed(const Node* old, const Node& node, time_point now) {
  snapshot_.upsert_node(node);
  if (!old || node_update_matters(*old, node)) queue_.cluster_changed(now);
}

void scheduler_core::node_deleted(std::string_view name) {
  snapshot_.remove_node(name);
}

void scheduler_core::pod_changed(const Pod* old, const Pod& pod, time_point now) {
  pod_changed(old, std::make_shared<const Pod>(pod), now);
}

void scheduler_core::pod_changed(const Pod* old, std::shared_ptr<const Pod> shared,
                                 time_point now) {
  const Pod& pod = *shared;
  auto key = pod_key(pod.metadata().namespace_(), pod.metadata().name());
  if (!pod.spec().nodename().empty()) {
    // Bound (by us or anyone): the real object replaces any assumed copy.
    assumed_.erase(key);
    queue_.remove(key);
    snapshot_.upsert_pod(make_pod_info(shared));
    if (old && holds_node(*old) && !holds_node(pod)) {
      queue_.cluster_changed(now);
    } else if ((!old || old->spec().nodename().empty()) && holds_node(pod)) {
      // A newly placed pod may be the one a parked pod's required affinity waits for.
      queue_.move_parked_if([](const pod_info& p) { return p.has_required_affinity; }, now);
    }
    return;
  }
  if (assumed_.contains(key)) {
    // Our binding is on its way; an older unbound version must not undo the assumption.
    if (queue_.place(key)) queue_.add_or_update(make_pod_info(shared), now, false);
    return;
  }
  if (!wants(pod)) {
    queue_.remove(key);
    return;
  }
  const bool matters = !old || pod_update_matters(*old, pod);
  queue_.add_or_update(make_pod_info(shared), now, matters);
}

void scheduler_core::pod_deleted(const Pod& pod, time_point now) {
  const auto& ns = pod.metadata().namespace_();
  const auto& name = pod.metadata().name();
  auto key = pod_key(ns, name);
  queue_.remove(key);
  bool freed = snapshot_.find_pod(ns, name) != nullptr;
  assumed_.erase(key);
  snapshot_.remove_pod(ns, name);
  if (freed) queue_.cluster_changed(now);
}

bool scheduler_core::has_work() const {
  return queue_.active_size() > 0 && binds_.size() < options_.max_in_flight_binds;
}

std::size_t scheduler_core::run(std::size_t max_attempts, time_point now) {
  std::size_t ran = 0;
  while (ran < max_attempts && binds_.size() < options_.max_in_flight_binds) {
    auto pod = queue_.pop();
    if (!pod) break;
    ++ran;
    attempt(std::move(pod), now);
  }
  return ran;
}

void scheduler_core::attempt(std::shared_ptr<const pod_info> pod, time_point now) {
  ++stats_.attempts;
  auto result = schedule_one(*pod, snapshot_, options_.config, state_);
  if (!result) {
    fit_failed(*pod, result.error(), now);
    return;
  }
  const auto& node = result->node_name;
  assume(*pod, node);
  binds_[pod->key] = {pod, node};
  effects_.bind(*pod->pod, node);
}

void scheduler_core::assume(const pod_info& pod, const std::string& node) {
  auto bound = std::make_shared<Pod>(*pod.pod);
  bound->mutable_spec()->set_nodename(node);
  auto info = std::make_shared<pod_info>(pod);
  info->pod = std::move(bound);
  assumed_[pod.key] = info;
  snapshot_.upsert_pod(std::shared_ptr<const pod_info>(std::move(info)));
}

void scheduler_core::forget(const std::string& key) {
  auto it = assumed_.find(key);
  if (it == assumed_.end()) return;
  const auto& info = *it->second;
  // Only our copy: the informer may have replaced it with the real object meanwhile.
  if (snapshot_.find_pod(info.namespace_name(), info.name()) == &info)
    snapshot_.remove_pod(info.namespace_name(), info.name());
  assumed_.erase(it);
}

void scheduler_core::fit_failed(const pod_info& pod, const fit_failure& failure, time_point now) {
  ++stats_.unschedulable;
  queue_.unschedulable(pod.key, now);
  effects_.event(*pod.pod, "Warning", "FailedScheduling", failure.message);
  if (auto patch = unschedulable_condition_patch(*pod.pod, failure.message, messages::now()))
    effects_.patch_status(*pod.pod, std::move(*patch));
}

void scheduler_core::bind_finished(std::string_view key, bool ok, std::string_view message,
                                   time_point now) {
  auto it = binds_.find(key);
  if (it == binds_.end()) return;
  auto bind = std::move(it->second);
  binds_.erase(it);
  if (ok) {
    ++stats_.bound;
    queue_.done(bind.pod->key);
    effects_.event(*bind.pod->pod, "Normal", "Scheduled",
                   "Successfully assigned " + bind.pod->key + " to " + bind.node);
    return;
  }
  ++stats_.bind_errors;
  forget(bind.pod->key);
  queue_.backoff(bind.pod->key, now);
  // The freed room may let a parked pod fit.
  queue_.cluster_changed(now);
  effects_.event(*bind.pod->pod, "Warning", "FailedScheduling",
                 "Binding rejected: " + std::string(message));
}

}  // namespace kactor::scheduler
