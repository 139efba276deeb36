#pragma once

#include <optional>
#include <string>

#include "gateway/rest/rest_call.hpp"
#include "k8s/core/v1/pod.pb.h"
#include "kactor/node.pb.h"

// GET pods/<name>/log: `kubectl logs` (and -f, --tail, --since, --since-time, --timestamps,
// --previous, -c, --limit-bytes). The pod's node serves the text on the bus
// (kactor.v1.nodes.<node>.rpc.logs, node/podio); follow pulls it in turns with a cursor while
// the HTTP body streams, and ends when the container stops or the client goes.
namespace kactor::rest {

// The node request for `pod` from the query of `c`, or the error Kubernetes answers (unknown
// or unnamed container, bad numbers, a pod not on a node yet).
result<bus::v1::PodLogRequest> pod_log_request(const http::request& req,
                                               const k8s::core::v1::Pod& pod);

void handle_pod_log(const call_ptr& c);

}  // namespace kactor::rest
