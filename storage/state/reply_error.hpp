#pragma once

#include <string>

#include "kactor/bus.pb.h"
#include "storage/error.hpp"

// Errors as the state actor replies them: storage errors mapped to bus.v1.Error codes.
namespace kactor::state {

namespace v1 = kactor::bus::v1;

// The bus code of a storage error code:
//   not_found, future_revision -> NOT_FOUND (bus.proto: "or revision in the future")
//   already_exists -> ALREADY_EXISTS, conflict -> CONFLICT, invalid -> INVALID,
//   compacted -> COMPACTED, too_large -> TOO_LARGE, storage_full -> STORAGE_FULL,
//   unavailable -> UNAVAILABLE, corrupt -> INTERNAL.
v1::Error::Code to_bus_code(storage::error_code code);

// The bus Error of a storage error: its code and message. `revision` is left 0; the caller
// fills it where bus.proto asks for it (CONFLICT, COMPACTED).
v1::Error to_bus_error(const storage::error& err);

// A reply that carries only `error`. Every reply message of the state verbs has its Error as
// field 1, so these bytes parse as the reply of any verb.
std::string error_reply(const v1::Error& err);
std::string error_reply(v1::Error::Code code, std::string message, std::uint64_t revision = 0);

}  // namespace kactor::state
