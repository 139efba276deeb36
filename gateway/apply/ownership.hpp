#pragma once

#include <string_view>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "gateway/apply/field_walk.hpp"
#include "gateway/apply/managed_fields.hpp"

namespace kactor::apply {

/// Paths no manager ever owns: apiVersion, kind, metadata itself and the metadata fields the
/// server sets (name and namespace identify the object; uid, resourceVersion, generation,
/// creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, selfLink, managedFields).
/// Removed member by member (what is below them stays).
const field_set& untracked_fields();

/// The metadata fields the server sets, which an applied configuration cannot change and
/// which are dropped from it (uid ... managedFields; not name and namespace).
const field_set& server_set_fields();

/// The part of the object a write to `subresource` cannot change, with everything below it:
/// `status` for the main resource of a kind that has one, `spec` for the status subresource,
/// nothing otherwise.
field_set reset_fields(const google::protobuf::Descriptor* kind, std::string_view subresource);

/// `object` without metadata.managedFields.
json without_managed_fields(json object);

/// The metadata.managedFields member of `object`, or null.
const json* managed_fields_of(const json& object);

/// Stores `entries` into object.metadata.managedFields (removing the member when none owns
/// anything).
void store_managed_fields(json& object, std::vector<manager_entry> entries);

/// One field another manager owns that a write changes.
struct conflict {
  const manager_entry* owner;
  field_path path;
};

/// What a write that changed `changes` means for the managers other than `self`: their
/// fields that it changed (added or modified) are conflicts; with `force` those and the
/// removed fields are taken from them (and managers left with nothing dropped). Without
/// force, returns the conflicts in report order (managers by identity, then path order)
/// and changes nothing when there are any.
std::vector<conflict> take_ownership(std::vector<manager_entry>& managers,
                                     const manager_entry& self, const comparison& changes,
                                     bool force);

/// Drops the entries that own no field.
void drop_empty(std::vector<manager_entry>& managers);

}  // namespace kactor::apply
