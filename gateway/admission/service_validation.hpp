#pragma once

#include "gateway/admission/field_error.hpp"
#include "k8s/core/v1/service.pb.h"

namespace kactor::admission {

/// Kubernetes' Service spec rules: type ClusterIP/ExternalName/LoadBalancer/NodePort;
/// ports required unless ExternalName or headless (clusterIP None); each port's name (required
/// with several ports, DNS label, unique), port 1-65535, protocol TCP/UDP/SCTP, targetPort
/// (number range or port name), nodePort forbidden for ClusterIP; ExternalName needs
/// externalName (a DNS subdomain); clusterIP a valid IPv4 address or None; sessionAffinity
/// ClientIP/None; externalTrafficPolicy only for NodePort/LoadBalancer (Cluster/Local);
/// internalTrafficPolicy Cluster/Local; selector labels.
field_errors validate_service(const k8s::core::v1::Service& svc);

/// Whether `text` is a dotted-quad IPv4 address ("10.96.0.1").
bool is_ipv4(std::string_view text);

}  // namespace kactor::admission
