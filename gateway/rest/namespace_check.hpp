#pragma once

#include <functional>
#include <optional>
#include <string>

#include "gateway/rest/rest_call.hpp"

// Namespace lifecycle for writes: nothing is created in a namespace that does not exist or is
// being terminated.
namespace kactor::rest {

// Calls `done(nullopt)` when objects may be created in `ns` ("" = cluster-scoped: always),
// otherwise done(404 `namespaces "x" not found`) or done(403 Forbidden `... unable to create
// new content in namespace x because it is being terminated`). Reads the namespaces watch
// cache, fresh up to this gateway's last namespace write.
void check_namespace_open(const call_ptr& c, const std::string& ns, const std::string& name,
                          std::function<void(std::optional<api_error>)> done);

}  // namespace kactor::rest
