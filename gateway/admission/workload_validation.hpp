#pragma once

#include "gateway/admission/field_error.hpp"
#include "k8s/apps/v1/daemon_set.pb.h"
#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/apps/v1/stateful_set.pb.h"
#include "k8s/batch/v1/cron_job.pb.h"
#include "k8s/batch/v1/job.pb.h"
#include "k8s/core/v1/misc.pb.h"

namespace kactor::admission {

/// Spec rules of the workload kinds (metadata is validate_object_meta's). Common to the
/// selector-based ones: `spec.selector: Required value` when absent; a present selector is
/// validated and must not be empty (`empty selector is invalid for deployment.`); the
/// template labels must match it (`spec.template.metadata.labels: Invalid value:
/// map[string]string{...}: `selector` does not match template `labels``); the pod template
/// is validated; replicas and minReadySeconds non-negative.

/// Plus: template restartPolicy Always, no activeDeadlineSeconds; strategy type; rolling
/// update maxSurge/maxUnavailable not both 0.
field_errors validate_deployment(const k8s::apps::v1::Deployment& d);
field_errors validate_replica_set(const k8s::apps::v1::ReplicaSet& rs);
field_errors validate_replication_controller(const k8s::core::v1::ReplicationController& rc);
field_errors validate_daemon_set(const k8s::apps::v1::DaemonSet& ds);
/// Plus podManagementPolicy OrderedReady/Parallel and updateStrategy type.
field_errors validate_stateful_set(const k8s::apps::v1::StatefulSet& sts);
/// Plus template restartPolicy OnFailure/Never; parallelism, completions, backoffLimit
/// non-negative; completionMode NonIndexed/Indexed.
field_errors validate_job(const k8s::batch::v1::Job& job);
/// Name at most 52 characters; schedule required with 5 fields (or an @ macro);
/// concurrencyPolicy Allow/Forbid/Replace; the job template as a Job spec (no selector).
field_errors validate_cron_job(const k8s::batch::v1::CronJob& cj);

}  // namespace kactor::admission
