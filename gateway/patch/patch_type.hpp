#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "gateway/patch/patch_result.hpp"
#include "messages/codec/json_path.hpp"

namespace kactor::patch {

using messages::json;

/// The patch formats of the PATCH verb, named by the request's Content-Type.
enum class patch_type : std::uint8_t {
  json_patch,             ///< application/json-patch+json (RFC 6902)
  merge_patch,            ///< application/merge-patch+json (RFC 7386)
  strategic_merge_patch,  ///< application/strategic-merge-patch+json
  apply_patch,            ///< application/apply-patch+yaml (server-side apply; not here)
};

/// The patch type of a Content-Type header (parameters such as `; charset=utf-8` and case
/// ignored); nullopt for anything else, which the gateway answers 415 UnsupportedMediaType.
std::optional<patch_type> patch_type_of(std::string_view content_type);

/// The Content-Type of a patch type.
std::string_view content_type_of(patch_type type);

/// Parses a PATCH body for `type` as Kubernetes reads it: JSON text; a JSON patch must be
/// an array, a strategic merge patch an object (bad_request otherwise, with Go's decoding
/// texts such as `json: cannot unmarshal array into Go value of type map[string]interface {}`).
/// apply_patch bodies are returned parsed without a shape check.
result<json> parse_patch(std::string_view body, patch_type type);

}  // namespace kactor::patch
