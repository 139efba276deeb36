#pragma once

#include <string>

#include "gateway/apply/field_set.hpp"
#include "gateway/apply/value_type.hpp"

namespace kactor::apply {

/// The elements naming the items of a set or keyed list, in list order. With `error` set
/// (strict, for applied configurations) an item without its key fields or a duplicate item
/// fails: the result is empty and `*error` says why, prefixed with `where`. Without it
/// (objects already stored) such items are named by index instead and duplicates kept.
std::vector<path_element> list_elements(const json& list, const value_type& type,
                                        std::string_view where, std::string* error);

/// The fields `value` sets (structured-merge-diff's ToFieldSet): every leaf; every list item
/// and map entry; members that are null or empty objects; members the schema does not know.
/// Fails (with a message) on lists whose items cannot be identified.
bool to_field_set(const json& value, const value_type& type, field_set& out, std::string* error);

/// Structured-merge-diff's value equality: objects are equal when they have the same
/// members with equal values in any member order (the codec's JSON keeps schema order, a
/// client's JSON is often sorted by name); lists item by item in order; numbers by value.
bool equal_values(const json& a, const json& b);

/// What changed from `old_value` to `new_value`: leaves and atomic values added, modified
/// or removed, plus list items, map entries and struct members that appeared or vanished.
struct comparison {
  field_set added;
  field_set modified;
  field_set removed;
};
comparison compare(const json& old_value, const json& new_value, const value_type& type);

/// Removes from `value` every member, entry or item that `set` holds as a member (with all
/// below it), following `set`'s children into nested values.
void remove_items(json& value, const field_set& set, const value_type& type);

/// `set` with every struct field that leads to a member made a member too, so that owning
/// anything below a field protects the field itself (EnsureNamedFieldsAreMembers).
field_set with_named_fields(const field_set& set, const value_type& type);

}  // namespace kactor::apply
