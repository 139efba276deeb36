#pragma once

#include "k8s/core/v1/pod.pb.h"

namespace kactor::admission {

/// Kubernetes' defaults of a pod spec wherever it appears (pods and every pod template):
/// restartPolicy Always, dnsPolicy ClusterFirst, securityContext {},
/// terminationGracePeriodSeconds 30, schedulerName default-scheduler, serviceAccount mirrors
/// serviceAccountName (as the v1 conversion writes both), and default_container /
/// default_volume on every container, init container, ephemeral container and volume.
void default_pod_spec(k8s::core::v1::PodSpec& spec);

/// default_pod_spec of the template's spec (creating an empty spec when absent).
void default_pod_template(k8s::core::v1::PodTemplateSpec& tmpl);

/// What Kubernetes adds to a Pod object beyond its spec defaults: container requests default
/// to limits; enableServiceLinks true; with hostNetwork, hostPort = containerPort; and what
/// the default admission plugins add: serviceAccountName "default", priority (0, or the
/// built-in system-cluster-critical 2000000000 / system-node-critical 2000001000) with
/// preemptionPolicy PreemptLowerPriority when the class is one of those or absent, and the
/// NoExecute tolerations of node.kubernetes.io/not-ready and /unreachable for 300 seconds.
void default_pod(k8s::core::v1::Pod& pod);

}  // namespace kactor::admission
