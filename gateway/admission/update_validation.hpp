#pragma once

#include "gateway/admission/config_validation.hpp"
#include "gateway/admission/field_error.hpp"
#include "k8s/apps/v1/daemon_set.pb.h"
#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/apps/v1/stateful_set.pb.h"
#include "k8s/batch/v1/job.pb.h"
#include "k8s/core/v1/pod.pb.h"
#include "k8s/core/v1/service.pb.h"

namespace kactor::admission {

/// The text of Kubernetes' pod spec update refusal (without its trailing diff).
extern const char* const pod_update_forbidden;

/// Pod: only container/initContainer images, activeDeadlineSeconds, tolerations additions
/// and terminationGracePeriodSeconds may change; anything else is
/// `spec: Forbidden: pod updates may not change fields other than ...`.
field_errors validate_pod_update(const k8s::core::v1::Pod& pod, const k8s::core::v1::Pod& old);

/// apps/v1 selectors never change: `spec.selector: Invalid value: v1.LabelSelector{...}:
/// field is immutable`.
field_errors validate_deployment_update(const k8s::apps::v1::Deployment& d,
                                        const k8s::apps::v1::Deployment& old);
field_errors validate_replica_set_update(const k8s::apps::v1::ReplicaSet& rs,
                                         const k8s::apps::v1::ReplicaSet& old);
field_errors validate_daemon_set_update(const k8s::apps::v1::DaemonSet& ds,
                                        const k8s::apps::v1::DaemonSet& old);

/// StatefulSet: only replicas, ordinals, template, updateStrategy,
/// persistentVolumeClaimRetentionPolicy and minReadySeconds may change.
field_errors validate_stateful_set_update(const k8s::apps::v1::StatefulSet& sts,
                                          const k8s::apps::v1::StatefulSet& old);

/// Job: selector, template and completionMode immutable.
field_errors validate_job_update(const k8s::batch::v1::Job& job, const k8s::batch::v1::Job& old);

/// Service: a set clusterIP never changes (`spec.clusterIPs[0]: Invalid value:
/// []string{"10.96.0.9"}: may not change once set`) unless the type is or becomes
/// ExternalName.
field_errors validate_service_update(const k8s::core::v1::Service& svc,
                                     const k8s::core::v1::Service& old);

}  // namespace kactor::admission
