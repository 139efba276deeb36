#pragma once

// Internals of the strategic merge patch shared by strategic_merge.cpp (objects and
// directives) and strategic_lists.cpp (lists and their order). Not for other modules.
#include <optional>
#include <string_view>

#include "gateway/patch/patch_result.hpp"
#include "gateway/patch/patch_schema.hpp"
#include "messages/codec/json_path.hpp"

namespace kactor::patch::detail {

using messages::json;

/// Success (nullopt) or the error that stopped the merge.
using status = std::optional<patch_error>;

inline constexpr std::string_view directive_marker = "$patch";
inline constexpr std::string_view delete_directive = "delete";
inline constexpr std::string_view replace_directive = "replace";
inline constexpr std::string_view merge_directive = "merge";
inline constexpr std::string_view retain_keys_directive = "$retainKeys";
inline constexpr std::string_view delete_from_list_prefix = "$deleteFromPrimitiveList";
inline constexpr std::string_view set_order_prefix = "$setElementOrder";

/// Merges `patch` into the object `original` (mergeMap); `patch` is consumed.
status merge_map(json& original, json& patch, const schema_node& schema);

/// mergeSliceHandler: merges (strategy "merge", or a deletion list) or replaces the list
/// `original` with `patch`; the result replaces `original`. When merging a list of objects,
/// `backing_view` (if given) receives what Go's backing array of the live list holds
/// afterwards (see go_backing in strategic_lists.cpp); otherwise it is left alone.
status merge_list(json& original, json& patch, const schema_node& items, std::string_view strategy,
                  std::string_view merge_key, bool delete_list, json* backing_view = nullptr);

/// Splits `merged` into the items present in `by` and the rest, keeping their order
/// (partitionMapsByPresentInList / partitionPrimitivesByPresentInList).
status partition(const json& merged, const json& by, std::string_view merge_key, json& present,
                 json& rest);

/// Whether the items of the lists are objects: one element type across both lists is
/// required (errors: lists of lists, mixed types, both empty).
result<bool> items_are_objects(const json& a, const json& b);

/// normalizeElementOrder: `patch_items` in `patch_order`, `server_only` in `server_order`,
/// then both interleaved by `server_order`.
result<json> normalize_order(json patch_items, json server_only, const json& patch_order,
                             const json& server_order, std::string_view merge_key, bool objects);

/// A copy of `value` without directives: objects holding `$patch` are dropped (nullopt at
/// the top), other directive members removed; recursively.
std::optional<json> without_directives(const json& value);

/// Removes every null-valued member, recursively (what a patch adds must not carry nulls).
void discard_nulls(json& value);

/// Kubernetes' error texts.
patch_error no_merge_key(const json& object, std::string_view key);
patch_error bad_arg_type(std::string_view expected_go_type, const json& actual);
patch_error bad_patch_type(const json& directive, const json& object);

}  // namespace kactor::patch::detail
