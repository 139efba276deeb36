#pragma once

#include <string>
#include <string_view>

#include <google/protobuf/map.h>
#include <google/protobuf/message.h>

#include "k8s/meta/v1/object_meta.pb.h"
#include "k8s/meta/v1/selector.pb.h"

// Who owns an object, and which objects a controller selects: ownerReference and label
// selector helpers shared by the controllers and the garbage collector.
namespace kactor::controllers {

using label_map = google::protobuf::Map<std::string, std::string>;

// The object's metadata (field `metadata` of every API object); null when it has none.
const k8s::meta::v1::ObjectMeta* metadata_of(const google::protobuf::Message& object);
k8s::meta::v1::ObjectMeta* mutable_metadata_of(google::protobuf::Message& object);

// The ownerReference with controller=true (an object has at most one); null when none.
const k8s::meta::v1::OwnerReference* controller_ref(const k8s::meta::v1::ObjectMeta& meta);

// True when the object's controller is the object with uid `owner_uid`.
bool is_controlled_by(const k8s::meta::v1::ObjectMeta& meta, std::string_view owner_uid);

// A controller reference to `owner` (apiVersion and kind from its message type, name and uid
// from its metadata; controller=true, blockOwnerDeletion=true), what a ReplicaSet puts on its
// pods and a Deployment on its ReplicaSets.
k8s::meta::v1::OwnerReference make_controller_ref(const google::protobuf::Message& owner);

// Removes every ownerReference with `owner_uid`; true when one was removed.
bool remove_owner_ref(k8s::meta::v1::ObjectMeta& meta, std::string_view owner_uid);

// A controller's label selector against an object's labels (metav1 semantics, see
// scheduler::matches). A controller without a selector, or with an empty one, selects nothing:
// that protects every pod of a namespace from being adopted by a broken object.
bool selects(const k8s::meta::v1::LabelSelector* selector, const label_map& labels);

}  // namespace kactor::controllers
