#pragma once

#include <google/protobuf/descriptor.h>

#include "gateway/patch/patch_result.hpp"
#include "gateway/patch/patch_type.hpp"
#include "messages/codec/json_path.hpp"

namespace kactor::patch {

using messages::json;

/// Applies a parsed patch (parse_patch) of `type` to the JSON of an object of message type
/// `kind`: json_patch -> apply_json_patch, merge_patch -> apply_merge_patch,
/// strategic_merge_patch -> apply_strategic_merge_patch. apply_patch (server-side apply) is
/// not done here: `unsupported`. The caller decodes the result into the kind (which reports
/// unknown fields and type errors) and enforces preconditions such as a
/// `metadata.resourceVersion` the patch set (409 Conflict when it is not the current one).
result<json> apply_patch(patch_type type, const json& object, const json& patch,
                         const google::protobuf::Descriptor* kind);

}  // namespace kactor::patch
