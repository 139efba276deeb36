#pragma once

#include "gateway/rest/rest_call.hpp"

// DELETE of an object (preconditions, propagation finalizers, graceful pod deletion) and of a
// collection (deletecollection).
namespace kactor::rest {

void handle_delete(const call_ptr& c);
void handle_delete_collection(const call_ptr& c);

}  // namespace kactor::rest
