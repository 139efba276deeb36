#pragma once

#include <google/protobuf/descriptor.h>

#include "gateway/patch/patch_result.hpp"
#include "messages/codec/json_path.hpp"

namespace kactor::patch {

using messages::json;

/// Applies a strategic merge patch (`application/strategic-merge-patch+json`) to the JSON of
/// an object of message type `kind`, as Kubernetes' StrategicMergePatch does:
/// - objects merge member by member; `null` deletes a member;
/// - lists whose field has `(kactor.patch_strategy) = "merge"` merge: lists of objects by
///   the field's `(kactor.patch_merge_key)` (containers by name, ports by containerPort,
///   conditions by type ...), lists of primitives as sets; other lists are replaced;
/// - directives: `$patch: replace | delete` in an object, `{"$patch": "delete", <key>: v}` and
///   `{"$patch": "replace"}` items in a merging list, `$setElementOrder/<list>`,
///   `$retainKeys`, `$deleteFromPrimitiveList/<list>`;
/// - list order as Kubernetes keeps it: `$setElementOrder` first, then the patch's order,
///   then the live object's.
/// Members the schema does not know are merged as plain JSON (lists replaced). `original`
/// and `patch` must be objects. Errors carry Kubernetes' texts and codes: bad_request for
/// malformed directives (`invalid patch format of setElementOrder list`,
/// `invalid patch format of retainKeys` ...), unprocessable for `lists of lists are not
/// supported`, unknown for the rest (`map: map[image:x] does not contain declared merge key:
/// name`, `unknown patch type: foo in map: ...`).
///
/// Differs from Kubernetes only in cleaning up: directives nested in values the patch adds
/// wholesale (a new member, a new list item) are removed instead of being kept as members.
result<json> apply_strategic_merge_patch(const json& original, const json& patch,
                                         const google::protobuf::Descriptor* kind);

}  // namespace kactor::patch
