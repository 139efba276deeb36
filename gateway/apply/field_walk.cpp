#include "gateway/apply/field_walk.hpp"

namespace kactor::apply {
namespace {

bool empty_container(const json* v) {
  return v == nullptr || v->is_null() || ((v->is_object() || v->is_array()) && v->empty());
}

// A value that the walk treats as one unit at this type: a leaf type, or a value whose JSON
// shape does not match its type (kept as is rather than rejected).
bool walks_as_leaf(const value_type& type, const json& v) {
  switch (type.type()) {
    case value_type::kind::leaf:
      return true;
    case value_type::kind::structure:
    case value_type::kind::map:
      return !v.is_object() && !v.is_null();
    case value_type::kind::set:
    case value_type::kind::keyed:
      return !v.is_array() && !v.is_null();
  }
  return true;
}

bool is_list(const value_type& t) {
  return t.type() == value_type::kind::set || t.type() == value_type::kind::keyed;
}

struct field_set_walker {
  std::string* error;
  field_path path;

  bool walk(const json& v, const value_type& type, field_set& out) {
    if (walks_as_leaf(type, v)) {
      out.insert(path);
      return true;
    }
    if (v.is_null()) return true;
    if (is_list(type)) return walk_list(v, type, out);
    for (auto it = v.begin(); it != v.end(); ++it) {
      bool declared = false;
      auto member = type.member(it.key(), &declared);
      path.push_back(path_element::field(it.key()));
      const json& child = it.value();
      if (child.is_null() || (child.is_object() && child.empty()) || !declared) out.insert(path);
      bool ok = walk(child, member, out);
      path.pop_back();
      if (!ok) return false;
    }
    return true;
  }

  bool walk_list(const json& v, const value_type& type, field_set& out) {
    auto elements = list_elements(v, type, to_string(path), error);
    if (!error->empty()) return false;
    auto item_type = type.item();
    for (std::size_t i = 0; i < v.size(); ++i) {
      path.push_back(elements[i]);
      out.insert(path);
      bool ok = type.type() == value_type::kind::set || walk(v[i], item_type, out);
      path.pop_back();
      if (!ok) return false;
    }
    return true;
  }
};

struct comparer {
  comparison& result;
  field_path path;

  // Compares one value present on at least one side.
  void walk(const json* lhs, const json* rhs, const value_type& type) {
    bool leaf = (lhs != nullptr && walks_as_leaf(type, *lhs)) ||
                (rhs != nullptr && walks_as_leaf(type, *rhs)) ||
                (empty_container(lhs) && empty_container(rhs));
    if (leaf) {
      if (lhs == nullptr) {
        result.added.insert(path);
      } else if (rhs == nullptr) {
        result.removed.insert(path);
      } else if (!equal_values(*lhs, *rhs)) {
        result.modified.insert(path);
      }
      return;
    }
    if (is_list(type)) {
      walk_list(lhs, rhs, type);
    } else {
      walk_members(lhs, rhs, type);
    }
    // A non-leaf that appeared or vanished is itself a change (the list item, map entry or
    // struct member), besides what changed below it.
    if (lhs == nullptr) result.added.insert(path);
    if (rhs == nullptr) result.removed.insert(path);
  }

  void walk_members(const json* lhs, const json* rhs, const value_type& type) {
    auto visit = [&](const std::string& key, const json* l, const json* r) {
      path.push_back(path_element::field(key));
      walk(l, r, type.member(key));
      path.pop_back();
    };
    if (lhs != nullptr && lhs->is_object()) {
      for (auto it = lhs->begin(); it != lhs->end(); ++it) {
        const json* r = nullptr;
        if (rhs != nullptr && rhs->is_object()) {
          auto found = rhs->find(it.key());
          if (found != rhs->end()) r = &*found;
        }
        visit(it.key(), &it.value(), r);
      }
    }
    if (rhs != nullptr && rhs->is_object()) {
      for (auto it = rhs->begin(); it != rhs->end(); ++it) {
        if (lhs != nullptr && lhs->is_object() && lhs->contains(it.key())) continue;
        visit(it.key(), nullptr, &it.value());
      }
    }
  }

  void walk_list(const json* lhs, const json* rhs, const value_type& type) {
    std::map<path_element, const json*> left, right;
    std::vector<path_element> order;
    auto index = [&](const json* list, std::map<path_element, const json*>& into) {
      if (list == nullptr || !list->is_array()) return;
      auto elements = list_elements(*list, type, "", nullptr);
      for (std::size_t i = 0; i < elements.size(); ++i) {
        if (into.emplace(elements[i], &(*list)[i]).second) order.push_back(elements[i]);
      }
    };
    index(lhs, left);
    index(rhs, right);
    auto item_type = type.item();
    std::set<path_element> seen;
    for (const auto& e : order) {
      if (!seen.insert(e).second) continue;
      auto l = left.find(e);
      auto r = right.find(e);
      path.push_back(e);
      walk(l == left.end() ? nullptr : l->second, r == right.end() ? nullptr : r->second,
           type.type() == value_type::kind::set ? value_type{} : item_type);
      path.pop_back();
    }
  }
};

}  // namespace

bool equal_values(const json& a, const json& b) {
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto found = b.find(it.key());
      if (found == b.end() || !equal_values(it.value(), *found)) return false;
    }
    return true;
  }
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!equal_values(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b;
}

std::vector<path_element> list_elements(const json& list, const value_type& type,
                                        std::string_view where, std::string* error) {
  std::vector<path_element> out;
  std::set<path_element> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& item = list[i];
    std::optional<path_element> e;
    std::string missing;
    if (type.type() == value_type::kind::set) {
      e = path_element::of_value(item);
    } else {
      e = type.key_of(item, &missing);
    }
    if (!e) {
      if (error != nullptr) {
        *error = std::string(where) + ": element " + std::to_string(i) + ": " +
                 (item.is_object() ? "associative list with keys has an element that omits key "
                                     "field \"" +
                                         missing + "\" (and doesn't have default value)"
                                   : "associative list with keys may not have non-map elements");
        return {};
      }
      e = path_element::at(i);
    }
    if (!seen.insert(*e).second && error != nullptr) {
      *error = std::string(where) + ": duplicate entries for key " + e->to_string();
      return {};
    }
    out.push_back(std::move(*e));
  }
  return out;
}

bool to_field_set(const json& value, const value_type& type, field_set& out, std::string* error) {
  std::string message;
  field_set_walker walker{&message, {}};
  bool ok = walker.walk(value, type, out);
  if (!ok && error != nullptr) *error = message;
  return ok;
}

comparison compare(const json& old_value, const json& new_value, const value_type& type) {
  comparison result;
  comparer walker{result, {}};
  walker.walk(&old_value, &new_value, type);
  return result;
}

void remove_items(json& value, const field_set& set, const value_type& type) {
  if (walks_as_leaf(type, value) || value.is_null()) return;
  if (is_list(type)) {
    auto elements = list_elements(value, type, "", nullptr);
    json kept = json::array();
    auto item_type = type.type() == value_type::kind::set ? value_type{} : type.item();
    for (std::size_t i = 0; i < elements.size(); ++i) {
      if (set.has_member(elements[i])) continue;
      json item = std::move(value[i]);
      if (const auto* sub = set.child(elements[i])) remove_items(item, *sub, item_type);
      kept.push_back(std::move(item));
    }
    value = std::move(kept);
    return;
  }
  for (auto it = value.begin(); it != value.end();) {
    auto e = path_element::field(it.key());
    if (set.has_member(e)) {
      it = value.erase(it);
      continue;
    }
    if (const auto* sub = set.child(e)) remove_items(it.value(), *sub, type.member(it.key()));
    ++it;
  }
}

field_set with_named_fields(const field_set& set, const value_type& type) {
  field_set out;
  for (const auto& e : set.members())
    out.add_member(e);
  for (const auto& [e, sub] : set.children()) {
    value_type child_type;
    if (e.type == path_element::kind::field) {
      bool declared = false;
      child_type = type.member(e.name, &declared);
      if (declared && type.type() == value_type::kind::structure) out.add_member(e);
    } else {
      child_type = type.item();
    }
    out.child_at(e) = with_named_fields(sub, child_type);
  }
  return out;
}

}  // namespace kactor::apply
