#pragma once

#include "gateway/rest/rest_call.hpp"

// GET ...?watch=true: a chunked stream of watch events from the watch cache, one JSON object
// per line, in JSON or as one-row Tables.
namespace kactor::rest {

void handle_watch(const call_ptr& c);

}  // namespace kactor::rest
