#pragma once

#include <string>

#include "gateway/admission/field_error.hpp"
#include "k8s/core/v1/pod.pb.h"

namespace kactor::admission {

/// Kubernetes' ValidatePodSpec (the common rules) at `path` ("spec",
/// "spec.template.spec"): volumes (name required, DNS label, unique, at most one source),
/// containers required, init containers and containers (validate_containers),
/// restartPolicy Always/OnFailure/Never, dnsPolicy, activeDeadlineSeconds >= 1,
/// nodeSelector labels, serviceAccountName / nodeName DNS subdomains, hostname and subdomain
/// DNS labels, tolerations (operator, effect, Exists without value, tolerationSeconds only
/// with NoExecute).
field_errors validate_pod_spec(const k8s::core::v1::PodSpec& spec, const std::string& path);

/// A pod template at `path` ("spec.template"): its metadata labels and annotations, and its
/// spec.
field_errors validate_pod_template(const k8s::core::v1::PodTemplateSpec& tmpl,
                                   const std::string& path);

}  // namespace kactor::admission
