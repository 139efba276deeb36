#pragma once

#include <string_view>

#include "k8s/core/v1/container.pb.h"
#include "k8s/core/v1/probe.pb.h"

namespace kactor::admission {

/// The imagePullPolicy Kubernetes defaults for `image`: "Always" when the tag is `latest` or
/// the image has neither tag nor digest ("nginx", "host"), "IfNotPresent" otherwise
/// ("nginx:1.27", "nginx@sha256:...", and unparseable/empty images).
std::string_view default_pull_policy(std::string_view image);

/// Kubernetes' defaults of one container (SetDefaults_Container and the defaults of the types
/// it holds): imagePullPolicy, terminationMessagePath "/dev/termination-log",
/// terminationMessagePolicy "File", ports[].protocol "TCP", probe timing (timeout 1, period 10,
/// success 1, failure 3), httpGet path "/" and scheme "HTTP" (probes and lifecycle hooks),
/// grpc service "", env fieldRef apiVersion "v1", resourceFieldRef divisor "0", and an empty
/// `resources: {}` (Go always writes that struct).
/// Fields already set are kept.
void default_container(k8s::core::v1::Container& container);
void default_container(k8s::core::v1::EphemeralContainerCommon& container);

/// Probe timing and handler defaults (part of default_container).
void default_probe(k8s::core::v1::Probe& probe);

}  // namespace kactor::admission
