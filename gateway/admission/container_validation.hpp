#pragma once

#include <set>
#include <string>

#include <google/protobuf/repeated_field.h>

#include "gateway/admission/field_error.hpp"
#include "k8s/core/v1/container.pb.h"

namespace kactor::admission {

/// Validates containers (regular or init) as Kubernetes does, at `path`
/// ("spec.containers"): name required, a DNS-1123 label and unique among every container of
/// the pod (`names` carries the names seen so far, init containers first); image required
/// and without surrounding blanks; imagePullPolicy and terminationMessagePolicy values; ports
/// (name syntax and uniqueness, containerPort required and in 1-65535, hostPort range,
/// protocol TCP/UDP/SCTP); env names; volumeMounts (name among `volumes`, mountPath required
/// and unique); probes (one handler, non-negative timing, liveness/startup
/// successThreshold 1, httpGet/tcpSocket port syntax); requests at most limits.
field_errors validate_containers(
    const google::protobuf::RepeatedPtrField<k8s::core::v1::Container>& containers,
    const std::set<std::string>& volumes, std::set<std::string>& names, const std::string& path);

/// `must be between 1 and 65535, inclusive` or the port-name messages for an IntOrString
/// port at `path` (a probe's httpGet.port, a service's targetPort).
field_errors validate_port_ref(const k8s::util::IntOrString& port, const std::string& path);

}  // namespace kactor::admission
