#pragma once

#include <google/protobuf/message.h>

namespace kactor::admission {

/// Applies Kubernetes 1.32's defaults to a decoded API object, in place, dispatching on the
/// message type: Pod, PodTemplate, ReplicationController, Service, Namespace, Secret,
/// Endpoints, Node, PersistentVolume(Claim), Deployment, ReplicaSet, DaemonSet, StatefulSet,
/// Job, CronJob, HorizontalPodAutoscaler (v1, v2), NetworkPolicy, RoleBinding,
/// ClusterRoleBinding. Other types are left unchanged. Idempotent; fields the client set are
/// kept. Call on every create and update, after the REST layer has filled metadata (name,
/// namespace, uid: a Job's selector is generated from its uid) and before validation.
/// Never fails: bad input is validation's to report.
void apply_defaults(google::protobuf::Message& object);

/// What Kubernetes' strategies do to a new object only (PrepareForCreate), beyond
/// defaults: Pod status becomes {phase Pending, qosClass}; Namespace gets spec.finalizers
/// ["kubernetes"] when empty and status {phase Active}; the status of Deployment, ReplicaSet,
/// ReplicationController, DaemonSet, StatefulSet, Job, CronJob, Service and
/// PersistentVolumeClaim/PersistentVolume is reset (PVC/PV to phase Pending). Call on create
/// only, after apply_defaults (the QoS class reads the defaulted requests).
void prepare_for_create(google::protobuf::Message& object);

}  // namespace kactor::admission
