#pragma once

#include "gateway/rest/rest_call.hpp"

// The subresources with their own shapes: scale (autoscaling/v1 Scale of a workload),
// binding (pods/binding and the bindings collection) and eviction (pods/eviction).
// status is an ordinary update restricted to .status (object_meta.hpp).
namespace kactor::rest {

void handle_scale(const call_ptr& c);     // GET, PUT, PATCH
void handle_binding(const call_ptr& c);   // POST: binds the pod to body.target.name
void handle_eviction(const call_ptr& c);  // POST: deletes the pod gracefully

}  // namespace kactor::rest
