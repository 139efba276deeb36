#pragma once

#include <string>
#include <string_view>

#include <google/protobuf/descriptor.h>

namespace kactor::openapi {

/// The OpenAPI definition name of a message, in Kubernetes' style:
///   k8s.core.v1.Pod        -> io.k8s.api.core.v1.Pod
///   k8s.meta.v1.ObjectMeta -> io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta
///   k8s.resource.Quantity  -> io.k8s.apimachinery.pkg.api.resource.Quantity
///   k8s.util.IntOrString   -> io.k8s.apimachinery.pkg.util.intstr.IntOrString
///   k8s.runtime.RawExtension -> io.k8s.apimachinery.pkg.runtime.RawExtension
///   anything else (kactor.bus.v1.X) -> io.kactor.bus.v1.X
std::string definition_name(const google::protobuf::Descriptor* type);

/// "#/components/schemas/<name>".
std::string schema_ref(std::string_view definition);

}  // namespace kactor::openapi
