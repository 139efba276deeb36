#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "messages/basic_result.hpp"

namespace kactor::messages {

/// What kind of failure a codec call reports; it decides what the caller tells its client
/// (the gateway maps every code to a Kubernetes Status reason in one table).
enum class codec_errc : std::uint8_t {
  syntax,         ///< malformed YAML or JSON text, or unparsable protobuf bytes
  wrong_type,     ///< a JSON value of the wrong type for its field
  invalid_value,  ///< the right type with bad content: quantity, time, base64, number range
  unknown_field,  ///< unknown or duplicate fields under strict field validation
  missing_kind,   ///< a document without apiVersion or kind
  unknown_kind,   ///< the registry serves no such apiVersion/kind
  bad_envelope,   ///< not a Kubernetes protobuf envelope ("k8s\0" + runtime.Unknown)
  overflow,       ///< a value that does not fit the exact representation asked for
};

/// The code's name ("syntax", "wrong_type" ...), for logs and tests.
std::string_view to_string(codec_errc code);

/// A codec failure: the code and the complete text for a human, e.g.
/// `spec.replicas: expected integer, got string "three" (line 7)`.
struct codec_error {
  codec_errc code = codec_errc::syntax;
  std::string message;
};

/// Either a value or a codec_error. Errors are values at the module boundary: nothing in
/// messages/ throws to its callers.
template <class T>
using result = basic_result<T, codec_error>;

}  // namespace kactor::messages
