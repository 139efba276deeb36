#include "actors/controllers/replicaset/replica_decisions.hpp"

#include <algorithm>
#include <tuple>

#include <google/protobuf/util/message_differencer.h>

#include "actors/controllers/common/ownership.hpp"
#include "actors/controllers/common/pod_readiness.hpp"

namespace kactor::controllers::replicaset {

namespace {

int phase_rank(const std::string& phase) {
  if (phase == "Pending") return 0;
  if (phase == "Unknown") return 1;
  if (phase == "Running") return 2;
  return 3;
}

// Smaller sorts first (deleted first). Time-valued parts are negated so that later times
// (shorter ready, newer) sort first.
auto deletion_key(const k8s::core::v1::Pod& pod) {
  bool assigned = !pod.spec().nodename().empty();
  bool ready = is_pod_ready(pod);
  auto since = ready_since(pod).value_or(messages::timestamp{});
  auto created = messages::from_time(pod.metadata().creationtimestamp());
  return std::make_tuple(assigned, phase_rank(pod.status().phase()), ready,
                         ready ? -since.seconds : 0, ready ? -since.nanos : 0, -restart_count(pod),
                         -created.seconds, -created.nanos);
}

}  // namespace

pod_list pods_to_delete(pod_list pods, int count) {
  if (count <= 0) return {};
  std::stable_sort(pods.begin(), pods.end(), [](const auto* a, const auto* b) {
    return deletion_key(*a) < deletion_key(*b);
  });
  if (static_cast<std::size_t>(count) < pods.size()) pods.resize(count);
  return pods;
}

std::vector<int> slow_start_batches(int total) {
  std::vector<int> out;
  for (int batch = 1, left = total; left > 0; batch *= 2) {
    out.push_back(std::min(batch, left));
    left -= out.back();
  }
  return out;
}

k8s::core::v1::Pod pod_from_template(const k8s::apps::v1::ReplicaSet& rs) {
  k8s::core::v1::Pod pod;
  const auto& tmpl = rs.spec().template_();
  auto* meta = pod.mutable_metadata();
  meta->set_generatename(rs.metadata().name() + "-");
  meta->set_namespace_(rs.metadata().namespace_());
  *meta->mutable_labels() = tmpl.metadata().labels();
  *meta->mutable_annotations() = tmpl.metadata().annotations();
  *meta->add_ownerreferences() = make_controller_ref(rs);
  *pod.mutable_spec() = tmpl.spec();
  return pod;
}

k8s::apps::v1::ReplicaSetStatus compute_status(const k8s::apps::v1::ReplicaSet& rs,
                                               const pod_list& pods, const manage_error& error,
                                               messages::timestamp now) {
  k8s::apps::v1::ReplicaSetStatus s;
  int fully = 0, ready = 0, available = 0;
  const auto& want = rs.spec().template_().metadata().labels();
  for (const auto* pod : pods) {
    const auto& have = pod->metadata().labels();
    bool all = std::all_of(want.begin(), want.end(), [&](const auto& kv) {
      auto it = have.find(kv.first);
      return it != have.end() && it->second == kv.second;
    });
    fully += all;
    ready += is_pod_ready(*pod);
    available += is_pod_available(*pod, rs.spec().minreadyseconds(), now);
  }
  s.set_replicas(static_cast<std::int32_t>(pods.size()));
  s.set_fullylabeledreplicas(fully);
  s.set_readyreplicas(ready);
  s.set_availablereplicas(available);
  s.set_observedgeneration(rs.metadata().generation());
  const k8s::apps::v1::ReplicaSetCondition* failure = nullptr;
  for (const auto& c : rs.status().conditions()) {
    if (c.type() == "ReplicaFailure") {
      failure = &c;
      continue;
    }
    *s.add_conditions() = c;
  }
  if (!error.reason.empty()) {
    auto* c = s.add_conditions();
    if (failure) *c = *failure;  // keep its transition time
    c->set_type("ReplicaFailure");
    c->set_status("True");
    c->set_reason(error.reason);
    c->set_message(error.message);
    if (!failure) *c->mutable_lasttransitiontime() = messages::to_time({now.seconds, 0});
  }
  return s;
}

bool status_differs(const k8s::apps::v1::ReplicaSetStatus& current,
                    const k8s::apps::v1::ReplicaSetStatus& next) {
  return !google::protobuf::util::MessageDifferencer::Equivalent(current, next);
}

}  // namespace kactor::controllers::replicaset
