#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "gateway/apply/field_path.hpp"
#include "gateway/apply/schema_facts.hpp"

namespace kactor::apply {

/// The schema of one JSON value as server-side apply sees it (structured-merge-diff's
/// atoms), derived from the message descriptors, their patch options and schema_facts:
/// - leaf: a scalar, a special form (Time, Quantity, IntOrString ...), free-form JSON, an
///   atomic list, or an atomic struct or map: owned and replaced as a whole;
/// - structure: an object of a message type, owned field by field;
/// - map: an object of string keys (labels, resources.limits), owned entry by entry;
/// - set: a list of scalars owned item by item (finalizers);
/// - keyed: a list of objects identified by key fields (containers by name).
class value_type {
 public:
  enum class kind : std::uint8_t { leaf, structure, map, set, keyed };

  /// Free-form JSON: a leaf.
  value_type() = default;
  /// The root of an object of message `kind` (a leaf when null).
  static value_type of_kind(const google::protobuf::Descriptor* kind);

  kind type() const { return kind_; }
  bool is_leaf() const { return kind_ == kind::leaf; }
  /// The message of a structure, or of the items/values of a keyed list or map (may be null).
  const google::protobuf::Descriptor* message() const { return message_; }

  /// structure or map: the type of member `name`; `declared` (if given) tells whether it is
  /// a field of the structure (as opposed to a map entry or an unknown member).
  value_type member(std::string_view name, bool* declared = nullptr) const;
  /// set or keyed: the type of one item.
  value_type item() const;

  /// keyed: the element naming `item` ({"name":"web"}), its key fields sorted by name, with
  /// schema defaults for absent keys. nullopt when the item is not an object or misses a key
  /// field that has no default; `missing` then names it ("" for a non-object).
  std::optional<path_element> key_of(const json& item, std::string* missing = nullptr) const;

  /// `value` as Go's encoding/json would write it after decoding: every structure in it
  /// (also inside lists and maps) gets the members its Go zero value writes and `value`
  /// lacks (non-pointer structs as {}, nil slices/maps/pointers without omitempty as null).
  /// Kubernetes compares such values, so this decides which parents count as "added".
  json with_zero_members(json value) const;

 private:
  static value_type of_field(const google::protobuf::FieldDescriptor* field);

  kind kind_ = kind::leaf;
  const google::protobuf::Descriptor* message_ = nullptr;
  const google::protobuf::Descriptor* map_values_ = nullptr;  // map of messages: their type
  std::vector<std::string_view> keys_;                        // keyed: in schema order
};

}  // namespace kactor::apply
