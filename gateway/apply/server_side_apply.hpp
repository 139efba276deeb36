#pragma once

#include <google/protobuf/descriptor.h>

#include "gateway/apply/apply_types.hpp"
#include "gateway/apply/field_path.hpp"

namespace kactor::apply {

/// Server-side apply (`PATCH` with `application/apply-patch+yaml`) of `config`, the
/// manager's applied configuration, to `live` (null: the object does not exist and is
/// created), for an object of message type `kind`, as Kubernetes 1.32 does it:
/// - the configuration merges over the live object (see merge.hpp); the fields it sets
///   become the manager's (operation Apply), replacing what it owned before;
/// - fields the manager owned before and no longer sets are removed from the object unless
///   another manager owns them (or something below them);
/// - a changed field that another manager owns is a conflict: apply_errc::conflict with
///   Kubernetes' message and one cause per field, unless `force` (then the field moves to
///   the applier); setting a field to its live value shares its ownership instead;
/// - a live object without managedFields first gets them as if manager
///   "before-first-apply" had written all of it (operation Update);
/// - the server-set metadata (uid, resourceVersion ...) is dropped from the configuration,
///   and so is `status` for the main resource of a kind that has one (`spec` for the
///   status subresource): those writes cannot change them.
/// Returns the new object with metadata.managedFields updated (the applier's time is `now`
/// when the object changed). `config` must be an object without managedFields
/// (bad_request); lists whose items lack their key fields or repeat a key are invalid; a
/// live object whose managedFields cannot be decoded is an internal error. The caller
/// checks identity (name, namespace, kind), preconditions and validation.
result<json> server_side_apply(const json* live, const json& config,
                               const google::protobuf::Descriptor* kind,
                               const apply_options& options);

}  // namespace kactor::apply
