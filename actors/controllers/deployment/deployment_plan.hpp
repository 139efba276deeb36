#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "actors/controllers/deployment/deployment_status.hpp"
#include "k8s/apps/v1/deployment.pb.h"
#include "messages/time.hpp"

// One sync of a Deployment as a pure function: from the Deployment and the ReplicaSets it
// controls (as the informer caches show them) to the writes that move the rollout one step.
// The controller executes the writes; their events bring the next step.
namespace kactor::controllers::deployment {

inline constexpr const char* revision_annotation = "deployment.kubernetes.io/revision";
inline constexpr const char* revision_history_annotation =
    "deployment.kubernetes.io/revision-history";
inline constexpr const char* desired_replicas_annotation =
    "deployment.kubernetes.io/desired-replicas";
inline constexpr const char* max_replicas_annotation = "deployment.kubernetes.io/max-replicas";

struct plan_input {
  const k8s::apps::v1::Deployment* deployment = nullptr;
  // The ReplicaSets it controls (claimed), any order.
  rs_list owned;
  // Recreate only: uids of the ReplicaSets that still have pods that are not Succeeded/Failed.
  std::set<std::string> rs_with_live_pods;
  messages::timestamp now;
};

struct deployment_plan {
  std::optional<k8s::apps::v1::ReplicaSet> create;        // the new ReplicaSet
  std::vector<k8s::apps::v1::ReplicaSet> updates;         // scaled or re-annotated ReplicaSets
  std::vector<const k8s::apps::v1::ReplicaSet*> deletes;  // beyond revisionHistoryLimit
  // The new status when it differs from the current one.
  std::optional<k8s::apps::v1::DeploymentStatus> status;
  // The Deployment's revision annotation when it must change.
  std::optional<std::string> revision;
  std::vector<std::string> events;  // ScalingReplicaSet messages ("Scaled up replica set ...")
  std::optional<std::chrono::seconds> requeue_after;
};

deployment_plan plan_deployment(const plan_input& in);

// The ReplicaSet the Deployment's current template needs: `<name>-<hash>`, the hash label on
// its selector, template and labels, the Deployment's annotations plus revision, desired and
// max replicas, a controller reference, minReadySeconds, and `replicas`.
k8s::apps::v1::ReplicaSet new_replicaset(const k8s::apps::v1::Deployment& d, int replicas,
                                         const std::string& revision);

// The revision annotation of a ReplicaSet as a number (0 when missing or malformed).
std::int64_t revision_of(const k8s::apps::v1::ReplicaSet& rs);

}  // namespace kactor::controllers::deployment
