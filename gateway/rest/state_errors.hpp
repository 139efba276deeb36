#pragma once

#include <string_view>

#include <caf/error.hpp>

#include "gateway/rest/request_scope.hpp"
#include "kactor/bus.pb.h"

// The state actor's typed errors and the bus's transport failures as Kubernetes Statuses.
namespace kactor::rest {

// NOT_FOUND -> 404 NotFound, ALREADY_EXISTS -> 409 AlreadyExists, CONFLICT -> 409 Conflict
// ("the object has been modified; please apply your changes to the latest version and try
// again"), INVALID -> 400, COMPACTED -> 410 Expired, TOO_LARGE -> 413, UNAVAILABLE and
// STORAGE_FULL -> 503 (Kubernetes answers etcd's "database space exceeded" with 500; a full
// store is temporary here), INTERNAL -> 500.
api_error from_state_error(const kactor::bus::v1::Error& err, const qualified_resource& what,
                           std::string_view name);

// A bus failure (no state actor, timeout, lost connection): 503 or 504.
api_error from_transport_error(const caf::error& err);

// kube-apiserver's conflict explanation.
inline constexpr std::string_view modified_text =
    "the object has been modified; please apply your changes to the latest version and try again";

}  // namespace kactor::rest
