#pragma once

#include "k8s/autoscaling/v1/horizontal_pod_autoscaler.pb.h"
#include "k8s/autoscaling/v2/horizontal_pod_autoscaler.pb.h"
#include "k8s/core/v1/config.pb.h"
#include "k8s/core/v1/endpoints.pb.h"
#include "k8s/core/v1/namespace.pb.h"
#include "k8s/core/v1/node.pb.h"
#include "k8s/core/v1/persistent_volume.pb.h"
#include "k8s/networking/v1/network_policy.pb.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kactor::admission {

/// Defaults of the non-workload kinds (Kubernetes 1.32). Fields already set are kept.

/// status.phase Active; label kubernetes.io/metadata.name = metadata.name (always, as
/// Kubernetes keeps it equal to the name). The "kubernetes" finalizer is prepare_for_create's.
void default_namespace(k8s::core::v1::Namespace& ns);

/// type Opaque; stringData merged into data (stringData wins) and cleared, as Kubernetes
/// never stores or returns stringData.
void default_secret(k8s::core::v1::Secret& secret);

/// persistentVolumeReclaimPolicy Retain; volumeMode Filesystem; status.phase Pending.
void default_persistent_volume(k8s::core::v1::PersistentVolume& pv);

/// spec.volumeMode Filesystem; status.phase Pending.
void default_persistent_volume_claim(k8s::core::v1::PersistentVolumeClaim& pvc);

/// subsets[].ports[].protocol TCP.
void default_endpoints(k8s::core::v1::Endpoints& ep);

/// status.allocatable = status.capacity when absent.
void default_node(k8s::core::v1::Node& node);

/// minReplicas 1 (v1 and v2); v2 without metrics gets CPU Utilization 80.
void default_hpa(k8s::autoscaling::v1::HorizontalPodAutoscaler& hpa);
void default_hpa(k8s::autoscaling::v2::HorizontalPodAutoscaler& hpa);

/// ports[].protocol TCP in every rule; policyTypes ["Ingress"] plus "Egress" when egress
/// rules exist, when policyTypes is empty.
void default_network_policy(k8s::networking::v1::NetworkPolicy& np);

/// subjects[].apiGroup "rbac.authorization.k8s.io" for kind User and Group when empty.
void default_subjects(google::protobuf::RepeatedPtrField<k8s::rbac::v1::Subject>& subjects);

}  // namespace kactor::admission
