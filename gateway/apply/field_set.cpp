#include "gateway/apply/field_set.hpp"

namespace kactor::apply {

void field_set::insert(const field_path& path) {
  if (path.empty()) return;
  field_set* level = this;
  for (std::size_t i = 0; i + 1 < path.size(); ++i)
    level = &level->children_[path[i]];
  level->members_.insert(path.back());
}

bool field_set::contains(const field_path& path) const {
  if (path.empty()) return false;
  const field_set* level = this;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    level = level->child(path[i]);
    if (level == nullptr) return false;
  }
  return level->has_member(path.back());
}

const field_set* field_set::child(const path_element& e) const {
  auto it = children_.find(e);
  return it == children_.end() ? nullptr : &it->second;
}

field_set field_set::united(const field_set& other) const {
  field_set out = *this;
  out.members_.insert(other.members_.begin(), other.members_.end());
  for (const auto& [e, sub] : other.children_) {
    auto it = out.children_.find(e);
    if (it == out.children_.end()) {
      out.children_.emplace(e, sub);
    } else {
      it->second = it->second.united(sub);
    }
  }
  return out;
}

field_set field_set::minus(const field_set& other) const {
  field_set out;
  for (const auto& e : members_) {
    if (!other.has_member(e)) out.members_.insert(e);
  }
  for (const auto& [e, sub] : children_) {
    const auto* theirs = other.child(e);
    field_set rest = theirs == nullptr ? sub : sub.minus(*theirs);
    if (!rest.empty()) out.children_.emplace(e, std::move(rest));
  }
  return out;
}

field_set field_set::intersected(const field_set& other) const {
  field_set out;
  for (const auto& e : members_) {
    if (other.has_member(e)) out.members_.insert(e);
  }
  for (const auto& [e, sub] : children_) {
    const auto* theirs = other.child(e);
    if (theirs == nullptr) continue;
    field_set both = sub.intersected(*theirs);
    if (!both.empty()) out.children_.emplace(e, std::move(both));
  }
  return out;
}

field_set field_set::minus_recursive(const field_set& other) const {
  field_set out;
  for (const auto& e : members_) {
    if (!other.has_member(e)) out.members_.insert(e);
  }
  for (const auto& [e, sub] : children_) {
    if (other.has_member(e)) continue;
    const auto* theirs = other.child(e);
    field_set rest = theirs == nullptr ? sub : sub.minus_recursive(*theirs);
    if (!rest.empty()) out.children_.emplace(e, std::move(rest));
  }
  return out;
}

void field_set::walk(field_path& prefix, const std::function<void(const field_path&)>& fn) const {
  for (const auto& e : members_) {
    prefix.push_back(e);
    fn(prefix);
    prefix.pop_back();
  }
  for (const auto& [e, sub] : children_) {
    prefix.push_back(e);
    sub.walk(prefix, fn);
    prefix.pop_back();
  }
}

void field_set::for_each(const std::function<void(const field_path&)>& fn) const {
  field_path prefix;
  walk(prefix, fn);
}

std::vector<field_path> field_set::paths() const {
  std::vector<field_path> out;
  for_each([&](const field_path& p) { out.push_back(p); });
  return out;
}

void field_set::write(json& out) const {
  // Members and children interleave in element order; an element that is both is written
  // once, its own membership as "." first.
  auto m = members_.begin();
  auto c = children_.begin();
  while (m != members_.end() || c != children_.end()) {
    int order = m == members_.end() ? 1 : c == children_.end() ? -1 : compare(*m, c->first);
    if (order < 0) {
      out[m->encode()] = json::object();
      ++m;
      continue;
    }
    json sub = json::object();
    if (order == 0) {
      sub["."] = json::object();
      ++m;
    }
    c->second.write(sub);
    out[c->first.encode()] = std::move(sub);
    ++c;
  }
}

json field_set::to_fields_v1() const {
  json out = json::object();
  write(out);
  return out;
}

bool field_set::read(const json& fields) {
  if (!fields.is_object()) return false;
  for (auto it = fields.begin(); it != fields.end(); ++it) {
    if (it.key() == ".") continue;
    auto e = path_element::decode(it.key());
    if (!e || !it.value().is_object()) return false;
    const json& sub = it.value();
    if (sub.empty() || sub.contains(".")) members_.insert(*e);
    bool has_children = sub.size() > (sub.contains(".") ? 1u : 0u);
    if (!has_children) continue;
    if (!children_[*e].read(sub)) return false;
  }
  return true;
}

std::optional<field_set> field_set::from_fields_v1(const json& fields) {
  field_set out;
  if (!out.read(fields)) return std::nullopt;
  return out;
}

}  // namespace kactor::apply
