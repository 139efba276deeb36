#pragma once

#include <string_view>

#include <google/protobuf/descriptor.h>

namespace kactor::patch {

/// Where a JSON value sits in the schema while a strategic merge patch walks an object:
/// an object of a message type, a map whose values are of a message type (or scalars), or
/// free-form JSON (embedded raw objects, unknown members) that has no patch metadata.
class schema_node {
 public:
  /// Free-form JSON.
  schema_node() = default;
  /// An object of `message` (null: free-form).
  static schema_node object(const google::protobuf::Descriptor* message);

  /// What the schema says about member `key` of this object (see member_info).
  struct member_info;
  member_info member(std::string_view key) const;

  /// The message type of this object, if it is one.
  const google::protobuf::Descriptor* message() const { return message_; }

 private:
  const google::protobuf::Descriptor* message_ = nullptr;
  const google::protobuf::Descriptor* map_values_ = nullptr;
  bool is_map_ = false;
};

/// A member's patch metadata, from the `(kactor.patch_merge_key)` and
/// `(kactor.patch_strategy)` options of its field (Go's patchMergeKey/patchStrategy tags).
struct schema_node::member_info {
  std::string_view merge_key;  ///< "" when none
  /// "merge", "replace" or "" after removing "retainKeys" (which only matters to patch
  /// creation); an unsupported combination leaves `bad_strategy` set.
  std::string_view strategy;
  bool bad_strategy = false;
  std::string_view raw_strategy;  ///< the option as written, for error texts
  /// The schema of the member's value; for a list, of each of its items.
  schema_node value;
};

}  // namespace kactor::patch
