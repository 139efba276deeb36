#pragma once

#include <memory>
#include <string>

#include <google/protobuf/message.h>

#include "actors/informer/cached_object.hpp"
#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/core/v1/misc.pb.h"
#include "k8s/meta/v1/object_meta.pb.h"

// The two kinds the replica logic manages: apps/v1 ReplicaSets and the older core/v1
// ReplicationControllers (an equality-only `selector` map instead of a LabelSelector; otherwise
// the same spec and, field for field, the same status). The logic works on a ReplicaSet view
// of either; these functions convert at its edges (ownerReferences, events, status writes).
namespace kactor::controllers::replicaset {

struct owner_kind {
  std::string group;        // "apps" or ""
  std::string resource;     // "replicasets" or "replicationcontrollers"
  std::string kind;         // "ReplicaSet" or "ReplicationController"
  std::string api_version;  // "apps/v1" or "v1"
};

const owner_kind& replica_set_kind();
const owner_kind& replication_controller_kind();

// `obj` (a ReplicaSet or a ReplicationController) as a ReplicaSet: the RC's selector becomes
// matchLabels (an RC without selector selects its template's labels, as Kubernetes defaults
// it). Null for other messages.
std::shared_ptr<const k8s::apps::v1::ReplicaSet> as_replica_set(const informer::cached_object& obj);

// The controller reference to the owner behind `view`.
k8s::meta::v1::OwnerReference owner_ref(const owner_kind& kind,
                                        const k8s::apps::v1::ReplicaSet& view);

// The object to name in events and to write status with: `view` itself for ReplicaSets, a
// ReplicationController with the view's metadata (and `status`, when given) otherwise.
std::unique_ptr<google::protobuf::Message> owner_object(
    const owner_kind& kind, const k8s::apps::v1::ReplicaSet& view,
    const k8s::apps::v1::ReplicaSetStatus* status = nullptr);

// Copies `status` into the status field of `owner` (a ReplicaSet or a ReplicationController).
void set_status(google::protobuf::Message& owner, const k8s::apps::v1::ReplicaSetStatus& status);

}  // namespace kactor::controllers::replicaset
