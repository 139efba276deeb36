#pragma once

#include "k8s/apps/v1/daemon_set.pb.h"
#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/apps/v1/stateful_set.pb.h"
#include "k8s/batch/v1/cron_job.pb.h"
#include "k8s/batch/v1/job.pb.h"
#include "k8s/core/v1/misc.pb.h"

namespace kactor::admission {

/// Kubernetes 1.32 defaults of the workload kinds; each also defaults its pod template
/// (default_pod_template). Fields already set are kept.

/// replicas 1; strategy type RollingUpdate with maxUnavailable and maxSurge "25%" (only for
/// RollingUpdate); revisionHistoryLimit 10; progressDeadlineSeconds 600.
void default_deployment(k8s::apps::v1::Deployment& d);

/// replicas 1.
void default_replica_set(k8s::apps::v1::ReplicaSet& rs);

/// replicas 1; an empty selector becomes the template labels; empty metadata.labels become
/// the template labels.
void default_replication_controller(k8s::core::v1::ReplicationController& rc);

/// updateStrategy type RollingUpdate with maxUnavailable 1 and maxSurge 0 (only for
/// RollingUpdate); revisionHistoryLimit 10.
void default_daemon_set(k8s::apps::v1::DaemonSet& ds);

/// replicas 1; podManagementPolicy OrderedReady; an absent updateStrategy type becomes
/// RollingUpdate with rollingUpdate.partition 0; revisionHistoryLimit 10;
/// persistentVolumeClaimRetentionPolicy Retain/Retain; volumeClaimTemplates get volumeMode
/// Filesystem and status.phase Pending.
void default_stateful_set(k8s::apps::v1::StatefulSet& sts);

/// completions and parallelism 1 when both are unset, else parallelism 1; backoffLimit 6
/// (2147483647 with backoffLimitPerIndex); completionMode NonIndexed; suspend false;
/// podReplacementPolicy TerminatingOrFailed (Failed with a podFailurePolicy);
/// podFailurePolicy onPodConditions status True; empty metadata.labels become the template
/// labels. With a metadata.uid and manualSelector not true, an absent selector is generated
/// as Kubernetes does: `batch.kubernetes.io/controller-uid=<uid>`, and the template gets the
/// labels controller-uid, batch.kubernetes.io/controller-uid, job-name and
/// batch.kubernetes.io/job-name.
void default_job(k8s::batch::v1::Job& job);

/// concurrencyPolicy Allow; suspend false; successfulJobsHistoryLimit 3;
/// failedJobsHistoryLimit 1; the job template's pod template defaults.
void default_cron_job(k8s::batch::v1::CronJob& cj);

/// The pod template's defaults.
void default_pod_template_object(k8s::core::v1::PodTemplate& pt);

}  // namespace kactor::admission
