#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "k8s/apps/v1/deployment.pb.h"
#include "messages/time.hpp"

// A Deployment's status and conditions (Kubernetes' deployment util and progress rules), what
// `kubectl rollout status` and `kubectl get deployment` read.
namespace kactor::controllers::deployment {

using rs_list = std::vector<const k8s::apps::v1::ReplicaSet*>;

// A condition stamped `now` (lastUpdateTime and lastTransitionTime).
k8s::apps::v1::DeploymentCondition make_condition(std::string type, std::string status,
                                                  std::string reason, std::string message,
                                                  messages::timestamp now);
const k8s::apps::v1::DeploymentCondition* find_condition(const k8s::apps::v1::DeploymentStatus& s,
                                                         std::string_view type);
void remove_condition(k8s::apps::v1::DeploymentStatus& s, std::string_view type);
// Sets `c`: nothing changes when a condition of its type has the same status and reason; one
// with the same status keeps its lastTransitionTime.
void set_condition(k8s::apps::v1::DeploymentStatus& s, k8s::apps::v1::DeploymentCondition c);

// spec.progressDeadlineSeconds is set and not "never" (max int32).
bool has_progress_deadline(const k8s::apps::v1::Deployment& d);

// The counts from the ReplicaSets' statuses (replicas, updatedReplicas from `new_rs`,
// readyReplicas, availableReplicas, unavailableReplicas), observedGeneration, collisionCount and
// conditions from d.status, and the Available condition (True when availableReplicas >=
// replicas - maxUnavailable).
k8s::apps::v1::DeploymentStatus calculate_status(const k8s::apps::v1::Deployment& d,
                                                 const rs_list& all,
                                                 const k8s::apps::v1::ReplicaSet* new_rs,
                                                 messages::timestamp now);

// calculate_status plus the Progressing condition (ReplicaSetUpdated while it progresses,
// NewReplicaSetAvailable when complete, ProgressDeadlineExceeded when it has not progressed for
// progressDeadlineSeconds) and ReplicaFailure copied from a ReplicaSet. `requeue_after` is set
// when a deadline check is due later.
struct rollout_status {
  k8s::apps::v1::DeploymentStatus status;
  std::optional<std::chrono::seconds> requeue_after;
};
rollout_status compute_rollout_status(const k8s::apps::v1::Deployment& d, const rs_list& all,
                                      const k8s::apps::v1::ReplicaSet* new_rs,
                                      messages::timestamp now);

}  // namespace kactor::controllers::deployment
