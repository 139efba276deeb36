#pragma once

#include <cstdint>
#include <vector>

#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "messages/time.hpp"

// The ReplicaSet controller's decisions as pure functions: which pods to delete, in which
// batches to create, what the status says.
namespace kactor::controllers::replicaset {

using pod_list = std::vector<const k8s::core::v1::Pod*>;

// At most this many creations or deletions per sync (kube-controller-manager's burstReplicas).
constexpr int burst_replicas = 500;

// The `count` pods to delete first, in Kubernetes' preference order: unassigned before
// assigned, Pending before Unknown before Running, not ready before ready, ready for a shorter
// time before longer, more container restarts first, newer (creationTimestamp) first.
// Ties keep the input order. count >= pods.size() returns every pod.
pod_list pods_to_delete(pod_list pods, int count);

// Slow start: the sizes of the creation batches for `total` pods: 1, 2, 4, 8 ... (the last one
// smaller), so a failing template costs one failed call instead of `total`.
// slow_start_batches(10) = {1, 2, 4, 3}; slow_start_batches(0) = {}.
std::vector<int> slow_start_batches(int total);

// The pod a ReplicaSet creates: metadata.generateName "<rs>-", the template's labels and
// annotations, the RS's namespace, a controller ownerReference to it, and the template's spec.
k8s::core::v1::Pod pod_from_template(const k8s::apps::v1::ReplicaSet& rs);

// The status of `rs` given its active, controlled pods at `now`: replicas,
// fullyLabeledReplicas (pods carrying every template label), readyReplicas, availableReplicas
// (ready for minReadySeconds), observedGeneration, and the ReplicaFailure condition (set with
// reason FailedCreate / FailedDelete and `manage_error` when it is not empty, removed when a
// sync succeeded).
struct manage_error {
  std::string reason;  // "" = the last sync wrote everything it wanted
  std::string message;
};
k8s::apps::v1::ReplicaSetStatus compute_status(const k8s::apps::v1::ReplicaSet& rs,
                                               const pod_list& pods, const manage_error& error,
                                               messages::timestamp now);

// True when writing `next` would change `current` (every counted field and the conditions).
bool status_differs(const k8s::apps::v1::ReplicaSetStatus& current,
                    const k8s::apps::v1::ReplicaSetStatus& next);

}  // namespace kactor::controllers::replicaset
