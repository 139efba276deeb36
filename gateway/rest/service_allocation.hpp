#pragma once

#include <optional>

#include <google/protobuf/message.h>

#include "gateway/rest/rest_call.hpp"

// Cluster IPs and node ports for new Services, as kube-apiserver's allocators give them.
namespace kactor::rest {

// For a core/v1 Service (other objects pass untouched): assigns spec.clusterIP (and
// clusterIPs, ipFamilies [IPv4], ipFamilyPolicy SingleStack) from the context's service CIDR
// unless it is "None" (headless) or the type is ExternalName, and a nodePort to every port of
// a NodePort/LoadBalancer service that has none. The used sets come from the services watch
// cache. A requested IP outside the range, or an exhausted range, is a 422 Invalid.
std::optional<api_error> allocate_service_addresses(const rest_call& c,
                                                    google::protobuf::Message& object);

}  // namespace kactor::rest
