#pragma once

#include <string>

#include <google/protobuf/message.h>

#include "gateway/rest/request_scope.hpp"
#include "k8s/meta/v1/object_meta.pb.h"

// The object lifecycle rules of kube-apiserver that every kind shares: identity, timestamps,
// generation, and what a write may not change.
namespace kactor::rest {

// The `metadata` (field 1, an ObjectMeta) of an API object; null when it has none.
k8s::meta::v1::ObjectMeta* metadata_of(google::protobuf::Message& object);
const k8s::meta::v1::ObjectMeta* metadata_of(const google::protobuf::Message& object);

// A random RFC 4122 version 4 UUID ("3f0e...").
std::string new_uid();

// True when the kind keeps metadata.generation (bumped on spec changes): workloads and the
// kinds whose controllers report observedGeneration.
bool tracks_generation(const messages::resource_info& info);

// Create: namespace from the URL (a different one in the body is a 400), name from the URL's
// generateName, uid, creationTimestamp, generation 1, no resourceVersion/deletion fields,
// status reset for kinds with a status subresource (nodes keep theirs; a pod's Pending phase
// and QoS class come from admission::prepare_for_create).
std::optional<api_error> prepare_create(google::protobuf::Message& object,
                                        const request_scope& scope);

// Update of the main resource (status=false) or its status subresource: carries uid,
// creationTimestamp, deletion fields and generation over from `old`; keeps old's status
// (main resource) or everything but status (status subresource); bumps generation when the
// spec changed. Fails with 400/422 when the body names another object.
std::optional<api_error> prepare_update(google::protobuf::Message& object,
                                        const google::protobuf::Message& old,
                                        const request_scope& scope);

// The object's name with a generateName: prefix + 5 random characters, as Kubernetes.
std::string generate_name(std::string_view prefix);

}  // namespace kactor::rest
