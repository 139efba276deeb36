#pragma once

#include "gateway/rest/rest_call.hpp"

// POST (create), PUT (update) and PATCH (JSON, merge, strategic merge, server-side apply) of
// an object or its status.
namespace kactor::rest {

void handle_create(const call_ptr& c);
void handle_update(const call_ptr& c);
void handle_patch(const call_ptr& c);

}  // namespace kactor::rest
