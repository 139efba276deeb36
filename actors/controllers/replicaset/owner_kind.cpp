#include "actors/controllers/replicaset/owner_kind.hpp"

namespace kactor::controllers::replicaset {

using k8s::apps::v1::ReplicaSet;
using k8s::core::v1::ReplicationController;

const owner_kind& replica_set_kind() {
  static const owner_kind k{"apps", "replicasets", "ReplicaSet", "apps/v1"};
  return k;
}

const owner_kind& replication_controller_kind() {
  static const owner_kind k{"", "replicationcontrollers", "ReplicationController", "v1"};
  return k;
}

std::shared_ptr<const ReplicaSet> as_replica_set(const informer::cached_object& obj) {
  if (const auto* rs = obj.as<ReplicaSet>())
    return std::shared_ptr<const ReplicaSet>(obj.message, rs);
  const auto* rc = obj.as<ReplicationController>();
  if (!rc) return nullptr;
  auto view = std::make_shared<ReplicaSet>();
  *view->mutable_metadata() = rc->metadata();
  const auto& spec = rc->spec();
  if (spec.has_replicas()) view->mutable_spec()->set_replicas(spec.replicas());
  view->mutable_spec()->set_minreadyseconds(spec.minreadyseconds());
  const auto& selector =
      spec.selector().empty() ? spec.template_().metadata().labels() : spec.selector();
  auto* labels = view->mutable_spec()->mutable_selector()->mutable_matchlabels();
  for (const auto& [k, v] : selector)
    (*labels)[k] = v;
  if (spec.has_template_()) *view->mutable_spec()->mutable_template_() = spec.template_();
  // The two status messages have the same fields and numbers.
  view->mutable_status()->ParseFromString(rc->status().SerializeAsString());
  return view;
}

k8s::meta::v1::OwnerReference owner_ref(const owner_kind& kind, const ReplicaSet& view) {
  k8s::meta::v1::OwnerReference ref;
  ref.set_apiversion(kind.api_version);
  ref.set_kind(kind.kind);
  ref.set_name(view.metadata().name());
  ref.set_uid(view.metadata().uid());
  ref.set_controller(true);
  ref.set_blockownerdeletion(true);
  return ref;
}

std::unique_ptr<google::protobuf::Message> owner_object(
    const owner_kind& kind, const ReplicaSet& view, const k8s::apps::v1::ReplicaSetStatus* status) {
  if (kind.kind == "ReplicaSet") {
    auto rs = std::make_unique<ReplicaSet>(view);
    if (status) *rs->mutable_status() = *status;
    return rs;
  }
  auto rc = std::make_unique<ReplicationController>();
  *rc->mutable_metadata() = view.metadata();
  if (status) rc->mutable_status()->ParseFromString(status->SerializeAsString());
  return rc;
}

void set_status(google::protobuf::Message& owner, const k8s::apps::v1::ReplicaSetStatus& status) {
  if (auto* rs = dynamic_cast<ReplicaSet*>(&owner)) {
    *rs->mutable_status() = status;
  } else if (auto* rc = dynamic_cast<ReplicationController*>(&owner)) {
    rc->mutable_status()->ParseFromString(status.SerializeAsString());
  }
}

}  // namespace kactor::controllers::replicaset
