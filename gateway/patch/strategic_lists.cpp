// Strategic merge patch, lists: merging by key or as sets, the `$patch` list directives,
// deletion lists, and the order of the result (Kubernetes' mergeSlice and
// normalizeElementOrder, with the same tie-breaking).
#include <algorithm>
#include <vector>

#include "gateway/patch/go_format.hpp"
#include "gateway/patch/strategic_detail.hpp"

namespace kactor::patch::detail {
namespace {

patch_error unknown(std::string message) {
  return {patch_errc::unknown, std::move(message)};
}

// The item of `list` whose merge key equals `value`; npos when none. Items must be objects.
result<std::size_t> find_by_key(const json& list, std::string_view key, const json& value) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_object()) {
      return unknown("value for key " + std::to_string(i) + " is not a map");
    }
    auto it = list[i].find(key);
    if (it != list[i].end() && *it == value) return i;
  }
  return std::string::npos;
}

// The position of `item` in `order`: by merge key for objects (a missing key matches a
// missing key, as Go compares nil with nil), by value otherwise; -1 when absent.
long position(const json& order, const json& item, std::string_view key, bool objects) {
  auto key_of = [&](const json& v) -> json {
    if (!v.is_object()) return nullptr;
    auto it = v.find(key);
    return it == v.end() ? json(nullptr) : *it;
  };
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (objects ? key_of(order[i]) == key_of(item) : order[i] == item) return static_cast<long>(i);
  }
  return -1;
}

bool is_delete_item(const json& item) {
  auto it = item.find(directive_marker);
  return it != item.end() && *it == delete_directive;
}

// normalizeSliceOrder: a stable sort by position in `order`; `$patch: delete` items last.
result<json> sort_by(json items, const json& order, std::string_view key, bool objects) {
  json deleting = json::array();
  if (objects) {
    for (const json* list : {static_cast<const json*>(&items), &order}) {
      for (const auto& item : *list) {
        if (!item.is_object()) return bad_arg_type("map[string]interface {}", item);
        if (!item.contains(key)) return no_merge_key(item, key);
      }
    }
    json kept = json::array();
    for (auto& item : items)
      (is_delete_item(item) ? deleting : kept).push_back(std::move(item));
    items = std::move(kept);
  }
  std::vector<std::pair<long, json>> ranked;
  for (auto& item : items) {
    long p = position(order, item, key, objects);
    ranked.emplace_back(p < 0 ? std::numeric_limits<long>::max() : p, std::move(item));
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  json out = json::array();
  for (auto& [p, item] : ranked)
    out.push_back(std::move(item));
  for (auto& item : deleting)
    out.push_back(std::move(item));
  return out;
}

// The backing array of the live list while Kubernetes merges it. Go slices share their
// array: deleting items shifts the rest left in place and appending reuses the freed tail
// (the API server's lists have no spare capacity). $setElementOrder later orders the result
// by this array, not by the list as it was, so the same in-place effects are replayed here.
// Example: live [1, 2, 4], patch deletes 1 and adds 3 -> array [2, 4, 3].
struct go_backing {
  json array;
  std::size_t len;
  bool moved = false;  // an append outgrew the array: later items live elsewhere

  explicit go_backing(const json& list) : array(list), len(list.size()) {}
  void erase(std::size_t i) {
    for (std::size_t k = i; k + 1 < len; ++k)
      array[k] = array[k + 1];
    --len;
  }
  void append(const json& item) {
    if (!moved && len < array.size()) {
      array[len++] = item;
    } else {
      moved = true;
    }
  }
  json live() const { return json(array.begin(), array.begin() + static_cast<long>(len)); }
};

// Applies the `$patch` items of a merging list of objects (mergeSliceWithSpecialElements):
// deletions remove items from the live list; a replace makes the patch's plain items the
// whole list. `patch` keeps only the plain items; returns whether the list was replaced.
result<bool> apply_list_directives(go_backing& live, json& original, json& patch,
                                   std::string_view key) {
  json plain = json::array();
  bool replace = false;
  for (auto& item : patch) {
    auto directive = item.find(directive_marker);
    if (directive == item.end()) {
      plain.push_back(std::move(item));
    } else if (*directive == delete_directive) {
      auto value = item.find(key);
      if (value == item.end()) return no_merge_key(item, key);
      while (true) {
        auto found = find_by_key(live.live(), key, *value);
        if (!found) return found.error();
        if (*found == std::string::npos) break;
        live.erase(*found);
      }
    } else if (*directive == replace_directive) {
      replace = true;
    } else if (*directive == merge_directive) {
      return unknown("merging lists cannot yet be specified in the patch");
    } else {
      return bad_patch_type(*directive, item);
    }
  }
  if (replace) {
    original = std::move(plain);
    patch = json::array();
  } else {
    original = live.live();
    patch = std::move(plain);
  }
  return replace;
}

// Merges each patch item into the original item with the same key, or appends it (also to
// `backing`, when the list still lives in it).
status merge_items(json& original, json& patch, std::string_view key, const schema_node& items,
                   go_backing* backing) {
  for (auto& item : patch) {
    auto value = item.find(key);
    if (value == item.end()) return no_merge_key(item, key);
    auto found = find_by_key(original, key, *value);
    if (!found) return found.error();
    if (*found == std::string::npos) {
      original.push_back(without_directives(item).value_or(json::object()));
      if (backing != nullptr) backing->append(original.back());
    } else {
      json p = item;
      if (auto s = merge_map(original[*found], p, items)) return s;
    }
  }
  return std::nullopt;
}

// mergeSlice: a merging list of objects by key, or of primitives as a set (or a deletion list).
status merge_slice(json& original, json& patch, const schema_node& items, std::string_view key,
                   bool delete_list, json* backing_view) {
  if (original.empty() && patch.empty()) return std::nullopt;
  auto objects = items_are_objects(original, patch);
  if (!objects) return objects.error();
  json merged;
  if (!*objects) {
    if (delete_list) {
      json kept = json::array();
      for (auto& v : original) {
        if (std::find(patch.begin(), patch.end(), v) == patch.end()) kept.push_back(std::move(v));
      }
      original = std::move(kept);
      return std::nullopt;
    }
    merged = json::array();
    for (const json* list :
         {static_cast<const json*>(&original), static_cast<const json*>(&patch)}) {
      for (const auto& v : *list) {
        if (std::find(merged.begin(), merged.end(), v) == merged.end()) merged.push_back(v);
      }
    }
  } else {
    if (key.empty())
      return unknown("cannot merge lists without merge key for " +
                     std::string(items.message() ? items.message()->name() : ""));
    go_backing backing(original);
    auto replaced = apply_list_directives(backing, original, patch, key);
    if (!replaced) return replaced.error();
    merged = original;
    if (auto s = merge_items(merged, patch, key, items, *replaced ? nullptr : &backing)) return s;
    if (backing_view != nullptr) *backing_view = std::move(backing.array);
  }
  json present = json::array();
  json rest = json::array();
  if (auto s = partition(merged, patch, key, present, rest)) return s;
  auto ordered =
      normalize_order(std::move(present), std::move(rest), patch, original, key, *objects);
  if (!ordered) return ordered.error();
  original = std::move(*ordered);
  return std::nullopt;
}

}  // namespace

status merge_list(json& original, json& patch, const schema_node& items, std::string_view strategy,
                  std::string_view merge_key, bool delete_list, json* backing_view) {
  if (strategy == merge_directive || delete_list) {
    return merge_slice(original, patch, items, merge_key, delete_list, backing_view);
  }
  original = std::move(patch);
  return std::nullopt;
}

status partition(const json& merged, const json& by, std::string_view merge_key, json& present,
                 json& rest) {
  for (const auto& item : merged) {
    bool found;
    if (merge_key.empty()) {
      found = std::find(by.begin(), by.end(), item) != by.end();
    } else {
      if (!item.is_object()) return bad_arg_type("map[string]interface {}", item);
      auto value = item.find(merge_key);
      if (value == item.end()) return no_merge_key(item, merge_key);
      auto index = find_by_key(by, merge_key, *value);
      if (!index) return index.error();
      found = *index != std::string::npos;
    }
    (found ? present : rest).push_back(item);
  }
  return std::nullopt;
}

result<bool> items_are_objects(const json& a, const json& b) {
  const json* first = nullptr;
  for (const auto* list : {&a, &b}) {
    for (const auto& item : *list) {
      if (first == nullptr) {
        first = &item;
        if (item.is_array()) {
          return patch_error{patch_errc::unprocessable, "lists of lists are not supported"};
        }
      } else if (go_type(item) != go_type(*first)) {
        return unknown("list element types are not identical: " + go_text(json::array({a, b})));
      }
    }
  }
  if (first == nullptr) return unknown("no elements in any of the given slices");
  return first->is_object();
}

result<json> normalize_order(json patch_items, json server_only, const json& patch_order,
                             const json& server_order, std::string_view merge_key, bool objects) {
  auto right = sort_by(std::move(patch_items), patch_order, merge_key, objects);
  if (!right) return right;
  auto left = sort_by(std::move(server_only), server_order, merge_key, objects);
  if (!left) return left;
  // Interleave: a server-only item goes before a patch item only when the live list has
  // both and the server-only one comes first there; otherwise the patch item goes first.
  json out = json::array();
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < left->size() || j < right->size()) {
    if (j >= right->size()) {
      out.push_back(std::move((*left)[i++]));
    } else if (i >= left->size()) {
      out.push_back(std::move((*right)[j++]));
    } else {
      long li = position(server_order, (*left)[i], merge_key, objects);
      long ri = position(server_order, (*right)[j], merge_key, objects);
      if (li >= 0 && ri >= 0 && li < ri) {
        out.push_back(std::move((*left)[i++]));
      } else {
        out.push_back(std::move((*right)[j++]));
      }
    }
  }
  return out;
}

}  // namespace kactor::patch::detail
