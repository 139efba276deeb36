#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>

#include "gateway/apply/field_path.hpp"

namespace kactor::apply {

/// A set of field paths stored as a tree (structured-merge-diff's fieldpath.Set): at each
/// level the elements that are members of the set themselves, and the elements below which
/// longer paths are members. A path and paths below it may both be members (FieldsV1 writes
/// the path itself as "." then).
class field_set {
 public:
  void insert(const field_path& path);
  bool contains(const field_path& path) const;
  bool empty() const { return members_.empty() && children_.empty(); }

  /// Members and children of this level, for walks that follow an object.
  bool has_member(const path_element& e) const { return members_.count(e) != 0; }
  const field_set* child(const path_element& e) const;
  const std::set<path_element>& members() const { return members_; }
  const std::map<path_element, field_set>& children() const { return children_; }
  void add_member(const path_element& e) { members_.insert(e); }
  field_set& child_at(const path_element& e) { return children_[e]; }

  /// Set algebra, path by path.
  field_set united(const field_set& other) const;
  field_set minus(const field_set& other) const;
  field_set intersected(const field_set& other) const;
  /// Minus, also dropping every path below a member of `other` ("status" drops status.*).
  field_set minus_recursive(const field_set& other) const;

  /// Every member path: at each level the members first, then the paths below each child,
  /// both in element order (the order conflicts are reported in).
  void for_each(const std::function<void(const field_path&)>& fn) const;
  std::vector<field_path> paths() const;

  /// The FieldsV1 JSON: {"f:spec": {"f:replicas": {}}, "k:{...}": {".": {}, ...}}, members
  /// in element order.
  json to_fields_v1() const;
  /// Parses FieldsV1; nullopt when it is not an object of valid element names.
  static std::optional<field_set> from_fields_v1(const json& fields);

  friend bool operator==(const field_set& a, const field_set& b) {
    return a.members_ == b.members_ && a.children_ == b.children_;
  }

 private:
  void write(json& out) const;
  void walk(field_path& prefix, const std::function<void(const field_path&)>& fn) const;
  bool read(const json& fields);

  std::set<path_element> members_;
  std::map<path_element, field_set> children_;
};

}  // namespace kactor::apply
