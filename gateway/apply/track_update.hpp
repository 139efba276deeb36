#pragma once

#include <google/protobuf/descriptor.h>

#include "gateway/apply/apply_types.hpp"
#include "gateway/apply/field_path.hpp"

namespace kactor::apply {

/// Keeps metadata.managedFields current after a write that is not an apply (create,
/// update, patch) by `options.manager`, as Kubernetes 1.32 does it: the fields the write
/// added or changed (compared with `old`, or on create with the kind's Go zero value)
/// become the manager's, in its entry for (manager, Update, apiVersion, subresource), with
/// time `now`; they and the fields it removed are taken from every other manager, and
/// managers left with nothing are dropped. A write that changed nothing leaves the entries
/// as they were.
/// The entries start from `updated`'s own managedFields when the request carries valid,
/// non-empty ones (clients may edit them; `[{}]` resets them to none) and the write is not
/// to a subresource, else from `old`'s. Untracked metadata (see ownership.hpp) and the
/// fields the write cannot change (status of the main resource, spec of status) are never
/// owned. An empty manager leaves `updated` with `old`'s managedFields. Never fails:
/// undecodable entries are dropped.
void track_update(const json* old, json& updated, const google::protobuf::Descriptor* kind,
                  const apply_options& options);

}  // namespace kactor::apply
