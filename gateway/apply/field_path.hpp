#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "messages/codec/json_path.hpp"

namespace kactor::apply {

using messages::json;

/// One step of a path into an object, as structured-merge-diff names fields:
/// - field: a member of an object (a struct field or a map entry), "f:<name>";
/// - key: an item of a list of objects identified by its key fields, "k:{<key json>}" (the
///   key object's members sorted by name, e.g. {"containerPort":80,"protocol":"TCP"});
/// - value: an item of a set of scalars, "v:<json>";
/// - index: an item of a list by position, "i:<n>" (lists that have no keys).
struct path_element {
  enum class kind : std::uint8_t { field, key, value, index };

  kind type = kind::field;
  std::string name;       ///< field
  json value;             ///< key (an object) or value (a scalar)
  std::size_t index = 0;  ///< index

  static path_element field(std::string name);
  static path_element key(json fields);
  static path_element of_value(json value);
  static path_element at(std::size_t index);

  /// The member name of this element in FieldsV1 ("f:spec", `k:{"name":"web"}` ...).
  std::string encode() const;
  /// Parses a FieldsV1 member name; nullopt when it is none of the four forms.
  static std::optional<path_element> decode(std::string_view text);

  /// The element as conflict messages print it: ".spec", `[name="web",port=80]`, `[="a"]`,
  /// "[2]".
  std::string to_string() const;
};

/// Total order of elements (fields, then keys, then values, then indices; within a kind by
/// name, key fields, value or index), the order FieldsV1 members are written in.
int compare(const path_element& a, const path_element& b);
inline bool operator<(const path_element& a, const path_element& b) {
  return compare(a, b) < 0;
}
inline bool operator==(const path_element& a, const path_element& b) {
  return compare(a, b) == 0;
}

/// A path from the object's root; empty is the root itself.
using field_path = std::vector<path_element>;

/// The path as conflict messages print it: ".spec.template.spec.containers[name=\"web\"].image".
std::string to_string(const field_path& path);

}  // namespace kactor::apply
