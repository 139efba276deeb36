#pragma once

#include "k8s/core/v1/service.pb.h"

namespace kactor::admission {

/// Kubernetes' defaults of a Service: type ClusterIP; sessionAffinity None (ClientIP gets
/// sessionAffinityConfig.clientIP.timeoutSeconds 10800); ports[].protocol TCP;
/// ports[].targetPort = port when unset (or 0 / ""); externalTrafficPolicy Cluster for
/// NodePort and LoadBalancer; internalTrafficPolicy Cluster and, unless ExternalName,
/// ipFamilies [IPv4] with ipFamilyPolicy SingleStack (RequireDualStack for a headless service
/// without selector, as a single-stack IPv4 cluster answers); allocateLoadBalancerNodePorts
/// true for LoadBalancer; clusterIP and clusterIPs[0] mirror each other.
/// Cluster IPs and node ports themselves are allocate_service_addresses' job.
void default_service(k8s::core::v1::Service& svc);

}  // namespace kactor::admission
