#pragma once

#include <span>
#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "messages/codec/json_path.hpp"
#include "messages/result.hpp"

namespace kactor::messages {

/// How from_json treats what the schema does not model.
struct decode_options {
  /// fieldValidation=Strict: unknown and duplicate fields are an error (unknown_field)
  /// listing all of them; otherwise they are dropped and returned as warnings.
  bool strict = false;
  /// Source lines of the document (YAML input), cited in error texts. Not owned.
  const source_map* lines = nullptr;
  /// Members the parser saw twice (document::duplicate_fields). Not owned.
  std::span<const std::string> duplicate_fields = {};
  /// The JSON path of the value inside its document ("items[2]" for an item of a List);
  /// prefixed to every path in errors and warnings, and used to find lines.
  std::string root_path = {};
};

/// Fills `out` (normally empty) from its Kubernetes JSON, the inverse of to_json:
/// - `null` means absent, for every field;
/// - the JSON type must fit the field: a string for an int32, a float for an integer, an
///   out-of-range number, an object for a string ... are errors;
/// - Quantity takes a string or a number (syntax checked, spaces around it trimmed);
///   IntOrString an int32 or a string; Time/MicroTime RFC 3339 (offsets converted to UTC,
///   fractions kept); Duration a Go duration; bytes standard base64; RAW any JSON value;
///   LIST an array; members of inlined fields are accepted at the parent level;
/// - "apiVersion" and "kind" are accepted (and ignored) on the root object and on API objects
///   nested in it (list items); any other unknown member is collected with its full path.
/// On success returns the warnings, e.g. `unknown field "spec.foo"`, `duplicate field
/// "metadata.name"` (empty when strict). Errors name the path, what was expected, what was
/// found and the line when known: `spec.replicas: expected integer, got string "three"
/// (line 7)`; strict violations: `strict decoding error: unknown field "spec.foo" (line 9),
/// duplicate field "metadata.name" (line 4)`. The first type error wins over field issues.
result<std::vector<std::string>> from_json(const json& value, google::protobuf::Message& out,
                                           const decode_options& options = {});

}  // namespace kactor::messages
