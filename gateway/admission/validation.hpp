#pragma once

#include <google/protobuf/message.h>

#include "gateway/admission/field_error.hpp"
#include "gateway/admission/name_rules.hpp"

namespace kactor::admission {

/// Validates a new object as Kubernetes 1.32 does before storing it (after apply_defaults
/// and prepare_for_create): metadata (validate_object_meta with the kind's name rule; the
/// namespace is required for namespaced kinds and forbidden otherwise, as the registry
/// says), then the kind's rules: Pod, PodTemplate, ReplicationController, Service, ConfigMap,
/// Secret, Deployment, ReplicaSet, DaemonSet, StatefulSet, Job, CronJob. Other kinds get the
/// metadata checks only. Empty when valid; never throws.
field_errors validate_create(const google::protobuf::Message& object);

/// Validates an update of `old` to `object` (same message type): validate_create's rules on
/// the new object, metadata immutability (name, namespace, uid ...), and the kind's
/// immutable fields (Pod spec, apps/v1 selectors, StatefulSet spec, Job selector/template,
/// Service clusterIP, immutable ConfigMaps/Secrets, Secret type). A different message type
/// for `old` is reported as `kind: Invalid value: ...: field is immutable`.
field_errors validate_update(const google::protobuf::Message& object,
                             const google::protobuf::Message& old);

/// The metadata.name syntax of a kind: dns1035_label for Service, dns1123_label for
/// Namespace, path_segment for Role/ClusterRole/RoleBinding/ClusterRoleBinding,
/// dns1123_subdomain otherwise.
name_rule name_rule_for(const google::protobuf::Descriptor* type);

}  // namespace kactor::admission
