#pragma once

#include <google/protobuf/message.h>

#include "messages/codec/json_path.hpp"

namespace kactor::messages {

class registry;

/// The Kubernetes JSON of a message, without TypeMeta ("kind"/"apiVersion"):
/// - members in the schema's declaration order (Kubernetes' struct order); a field is written
///   iff it is present (proto2 has_, non-empty repeated or map), so `replicas: 0` and
///   `shareProcessNamespace: false` survive and absent fields stay absent;
/// - int64/uint64 as JSON numbers, bytes as standard base64, map keys sorted bytewise as Go;
/// - members of inlined fields are written into the parent object;
/// - special forms by `(kactor.json)`: Time "2026-01-02T03:04:05Z", MicroTime
///   "2026-01-02T03:04:15.123456Z", Duration "1m30s", Quantity its text as written,
///   IntOrString a number or a string, RAW the embedded JSON inline, LIST a bare array.
///   An empty Time/MicroTime/Duration/Quantity/IntOrString/RAW field is omitted; as a list
///   item or map value it is written as null, "0s", "0", 0 and null respectively.
/// RAW bytes that are not JSON are written as a base64 string (never dropped).
json to_json(const google::protobuf::Message& message);

/// Adds the members of `message` (as to_json writes them) to the JSON object `out`.
void write_members(const google::protobuf::Message& message, json& out);

/// to_json() preceded by "kind" and "apiVersion" from the registry (top-level API objects,
/// lists, Status ...). Types the registry does not know get no TypeMeta.
json to_json_object(const google::protobuf::Message& message, const registry& types);

}  // namespace kactor::messages
