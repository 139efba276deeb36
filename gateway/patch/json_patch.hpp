#pragma once

#include "gateway/patch/patch_result.hpp"
#include "messages/codec/json_path.hpp"

namespace kactor::patch {

using messages::json;

/// Applies an RFC 6902 JSON patch (`application/json-patch+json`): an array of operations
/// (add, remove, replace, move, copy, test) applied in order, all or nothing. A patch that
/// is not an array of operation objects is bad_request; an operation that does not apply is
/// unprocessable (422), as Kubernetes answers, with texts such as
/// `replace operation does not apply: doc is missing path: /spec/foo` or
/// `testing value /spec/replicas failed`.
result<json> apply_json_patch(const json& document, const json& patch);

/// Applies an RFC 7386 JSON merge patch (`application/merge-patch+json`): members of an
/// object patch merge recursively, `null` deletes, anything else (arrays, scalars, a
/// non-object patch) replaces. Cannot fail.
json apply_merge_patch(const json& document, const json& patch);

}  // namespace kactor::patch
