// Strategic merge patch, objects and directives. The algorithm follows Kubernetes'
// strategicpatch.StrategicMergePatch step by step (with MergeParallelList and
// IgnoreUnmatchedNulls, as the API server applies patches); lists are in strategic_lists.cpp.
#include "gateway/patch/strategic_merge.hpp"

#include <algorithm>
#include <vector>

#include "gateway/patch/go_format.hpp"
#include "gateway/patch/strategic_detail.hpp"

namespace kactor::patch {
namespace detail {
namespace {

patch_error bad_request(std::string message) {
  return {patch_errc::bad_request, std::move(message)};
}

bool is_directive_key(std::string_view key) {
  return key == directive_marker || key == retain_keys_directive ||
         key.starts_with(set_order_prefix) || key.starts_with(delete_from_list_prefix);
}

// The list name after "<prefix>/"; a key without the slash is a malformed directive.
std::optional<std::string> list_name(std::string_view key, std::string_view prefix) {
  auto slash = key.find('/');
  if (slash == std::string_view::npos || key.substr(0, slash) != prefix) return std::nullopt;
  return std::string(key.substr(slash + 1));
}

// `$retainKeys: [..]`: every member the patch sets must be listed; members of the original
// that are not listed are cleared.
status apply_retain_keys(json& original, json& patch) {
  auto it = patch.find(retain_keys_directive);
  if (it == patch.end()) return std::nullopt;
  json keep = std::move(*it);
  patch.erase(std::string(retain_keys_directive));
  auto invalid = bad_request("invalid patch format of retainKeys");
  if (!keep.is_array()) return invalid;
  auto listed = [&](std::string_view key) {
    return std::any_of(keep.begin(), keep.end(), [&](const json& k) {
      return k.is_string() && k.get_ref<const std::string&>() == key;
    });
  };
  for (const auto& [key, value] : patch.items()) {
    if (value.is_null() || key.starts_with(delete_from_list_prefix) ||
        key.starts_with(set_order_prefix)) {
      continue;
    }
    if (!listed(key)) return invalid;
  }
  std::vector<std::string> cleared;
  for (const auto& [key, value] : original.items()) {
    if (!listed(key)) cleared.push_back(key);
  }
  for (const auto& key : cleared)
    original.erase(key);
  return std::nullopt;
}

// The patch list must not order its items against `$setElementOrder`
// (validatePatchWithSetOrderList).
status check_order(const json& patch_list, const json& order, std::string_view merge_key) {
  if (order.empty() || patch_list.empty()) return std::nullopt;
  std::vector<const json*> items;
  for (const auto& item : patch_list) {
    if (!merge_key.empty() && !item.is_object())
      return bad_arg_type("map[string]interface {}", item);
    bool deleting = item.is_object() && item.contains(directive_marker) &&
                    item[std::string(directive_marker)] == delete_directive;
    if (merge_key.empty() || !deleting) items.push_back(&item);
  }
  std::size_t p = 0;
  std::size_t o = 0;
  while (p < items.size() && o < order.size()) {
    const json& item = *items[p];
    if (item.is_object() && item.contains(directive_marker)) {
      ++p;
      continue;
    }
    bool equal;
    if (merge_key.empty()) {
      equal = item == order[o];
    } else {
      if (!order[o].is_object()) return bad_arg_type("map[string]interface {}", order[o]);
      auto a = item.find(merge_key);
      auto b = order[o].find(merge_key);
      if (a == item.end()) return no_merge_key(item, merge_key);
      if (b == order[o].end()) return no_merge_key(order[o], merge_key);
      equal = *a == *b;
    }
    if (equal) ++p;
    ++o;
  }
  if (p < items.size() && o >= order.size()) {
    return patch_error{patch_errc::unknown,
                       "The order in patch list:\n" + go_text(patch_list) + "\n doesn't match " +
                           std::string(set_order_prefix) + " list:\n" + go_text(order) + "\n"};
  }
  return std::nullopt;
}

// Merges list `name` of the patch into the original now and orders it by `order`.
status order_list(json& original, json& patch, const std::string& name, const json& order,
                  const schema_node& schema) {
  auto in_original = original.find(name);
  auto in_patch = patch.find(name);
  bool found_original = in_original != original.end();
  bool found_patch = in_patch != patch.end();
  json original_list = found_original ? *in_original : json::array();
  json patch_list = found_patch ? *in_patch : json::array();
  if (!original_list.is_array()) return bad_arg_type("[]interface {}", original_list);
  if (!patch_list.is_array()) return bad_arg_type("[]interface {}", patch_list);
  auto meta = schema.member(name);
  if (meta.bad_strategy) {
    return patch_error{patch_errc::unknown,
                       "unexpected patch strategy: " + std::string(meta.raw_strategy)};
  }
  if (auto s = check_order(patch_list, order, meta.merge_key)) return s;
  if (!found_original && !found_patch) return std::nullopt;
  json merged;
  if (found_original && !found_patch) {
    merged = original_list;
  } else if (!found_original) {
    merged = without_directives(patch_list).value_or(json::array());
  } else {
    merged = original_list;
    json p = patch_list;
    json backing = original_list;
    if (auto s =
            merge_list(merged, p, meta.value, meta.strategy, meta.merge_key, false, &backing)) {
      return s;
    }
    // Kubernetes orders by the live list as its merge left it in place (go_backing).
    original_list = std::move(backing);
  }
  json present = json::array();
  json rest = json::array();
  if (auto s = partition(merged, order, meta.merge_key, present, rest)) return s;
  auto objects = items_are_objects(original_list, patch_list);
  if (!objects) return objects.error();
  auto ordered = normalize_order(std::move(present), std::move(rest), order, original_list,
                                 meta.merge_key, *objects);
  if (!ordered) return ordered.error();
  original[name] = std::move(*ordered);
  patch.erase(name);
  return std::nullopt;
}

// `$setElementOrder/<list>` directives (mergePatchIntoOriginal): each named list is merged
// and ordered now and removed from the patch.
status apply_set_element_orders(json& original, json& patch, const schema_node& schema) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : patch.items()) {
    if (key.starts_with(set_order_prefix)) keys.push_back(key);
  }
  for (const auto& key : keys) {
    json order = std::move(patch[key]);
    patch.erase(key);
    if (!order.is_array()) return bad_arg_type("[]interface {}", order);
    auto name = list_name(key, set_order_prefix);
    if (!name) return bad_request("invalid patch format of setElementOrder list");
    if (auto s = order_list(original, patch, *name, order, schema)) return s;
  }
  return std::nullopt;
}

// Sets `original[key]` to what the patch adds wholesale: without nulls and directives.
void take_patch_value(json& original, const std::string& key, json value) {
  discard_nulls(value);
  auto cleaned = without_directives(value);
  if (cleaned) {
    original[key] = std::move(*cleaned);
  } else {
    original.erase(key);
  }
}

// One member of the patch (the loop body of mergeMap).
status merge_member(json& original, std::string key, json value, const schema_node& schema) {
  bool delete_list = false;
  if (key.starts_with(delete_from_list_prefix)) {
    auto name = list_name(key, delete_from_list_prefix);
    if (!name) return bad_request("invalid patch format of primitive list");
    key = std::move(*name);
    delete_list = true;
  }
  if (value.is_null()) {
    original.erase(key);
    return std::nullopt;
  }
  auto existing = original.find(key);
  if (existing == original.end()) {
    if (!delete_list) take_patch_value(original, key, std::move(value));
    return std::nullopt;
  }
  bool both_objects = existing->is_object() && value.is_object();
  bool both_arrays = existing->is_array() && value.is_array();
  if (!both_objects && !both_arrays) {
    // Different types, or scalars: the patch's value wins (a deletion list changes nothing).
    if (!delete_list) take_patch_value(original, key, std::move(value));
    return std::nullopt;
  }
  auto meta = schema.member(key);
  if (meta.bad_strategy) {
    return patch_error{patch_errc::unknown,
                       "unexpected patch strategy: " + std::string(meta.raw_strategy)};
  }
  if (both_objects) {
    if (meta.strategy == replace_directive) {
      *existing = std::move(value);
      return std::nullopt;
    }
    return merge_map(*existing, value, meta.value);
  }
  return merge_list(*existing, value, meta.value, meta.strategy, meta.merge_key, delete_list);
}

}  // namespace

status merge_map(json& original, json& patch, const schema_node& schema) {
  if (auto it = patch.find(directive_marker); it != patch.end()) {
    if (*it == replace_directive) {
      patch.erase(std::string(directive_marker));
      original = without_directives(patch).value_or(json::object());
      return std::nullopt;
    }
    if (*it == delete_directive) {
      original = json::object();
      return std::nullopt;
    }
    return bad_patch_type(*it, patch);
  }
  if (!original.is_object()) original = json::object();
  if (auto s = apply_retain_keys(original, patch)) return s;
  if (auto s = apply_set_element_orders(original, patch, schema)) return s;
  for (auto& [key, value] : patch.items()) {
    if (auto s = merge_member(original, key, std::move(value), schema)) return s;
  }
  return std::nullopt;
}

std::optional<json> without_directives(const json& value) {
  if (value.is_object()) {
    if (value.contains(directive_marker)) return std::nullopt;
    json out = json::object();
    for (const auto& [key, member] : value.items()) {
      if (is_directive_key(key)) continue;
      if (auto kept = without_directives(member)) out[key] = std::move(*kept);
    }
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value) {
      if (auto kept = without_directives(item)) out.push_back(std::move(*kept));
    }
    return out;
  }
  return value;
}

void discard_nulls(json& value) {
  if (value.is_object()) {
    std::vector<std::string> nulls;
    for (auto& [key, member] : value.items()) {
      if (member.is_null()) {
        nulls.push_back(key);
      } else {
        discard_nulls(member);
      }
    }
    for (const auto& key : nulls)
      value.erase(key);
  } else if (value.is_array()) {
    for (auto& item : value)
      discard_nulls(item);
  }
}

patch_error no_merge_key(const json& object, std::string_view key) {
  return {patch_errc::unknown,
          "map: " + go_text(object) + " does not contain declared merge key: " + std::string(key)};
}

patch_error bad_arg_type(std::string_view expected_go_type, const json& actual) {
  return {patch_errc::unknown,
          "expected a " + std::string(expected_go_type) + ", but received a " + go_type(actual)};
}

patch_error bad_patch_type(const json& directive, const json& object) {
  return {patch_errc::unknown,
          "unknown patch type: " + go_text(directive) + " in map: " + go_text(object)};
}

}  // namespace detail

result<json> apply_strategic_merge_patch(const json& original, const json& patch,
                                         const google::protobuf::Descriptor* kind) {
  if (!original.is_object() || !patch.is_object()) {
    return patch_error{patch_errc::bad_request, "invalid JSON document"};
  }
  json merged = original;
  json p = patch;
  if (auto s = detail::merge_map(merged, p, schema_node::object(kind))) return *s;
  return merged;
}

}  // namespace kactor::patch
