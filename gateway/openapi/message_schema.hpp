#pragma once

#include <vector>

#include <google/protobuf/descriptor.h>

#include "gateway/openapi/kind_index.hpp"
#include "messages/codec/json_path.hpp"

namespace kactor::openapi {

/// The OpenAPI v3 schema of one message, as the codec writes it in JSON (messages.md):
/// - an object with one property per field (JSON name = field name), inlined fields'
///   members merged in, and `apiVersion`/`kind` first for API kinds, which also get
///   `x-kubernetes-group-version-kind` (a list of {group, kind, version});
/// - `required`: the members Kubernetes requires (required_fields.hpp), in its order, when the
///   message has any;
/// - int32 -> integer/int32, int64 -> integer/int64, double -> number/double, float ->
///   number/float, bool -> boolean, string -> string, bytes -> string/byte;
///   repeated -> array with items; map -> object with additionalProperties;
/// - message fields refer to the message's schema ($ref; wrapped in allOf when the field
///   has a description of its own, as Kubernetes does); bare-array messages (JSON_LIST)
///   are written inline;
/// - special forms: Time/MicroTime -> string/date-time, Duration -> string,
///   Quantity -> oneOf string|number, IntOrString -> int-or-string (oneOf integer|string,
///   x-kubernetes-int-or-string), embedded JSON (RAW) -> object;
/// - `x-kubernetes-patch-merge-key` / `x-kubernetes-patch-strategy` from the fields'
///   strategic-merge annotations when the schema has them.
/// Every message the schema refers to is appended to `referenced` (duplicates possible).
messages::json message_schema(const google::protobuf::Descriptor* type, const kind_index& kinds,
                              std::vector<const google::protobuf::Descriptor*>& referenced);

}  // namespace kactor::openapi
