#include "actors/informer/snapshot.hpp"

#include <string>

namespace kactor::informer {

object_ptr snapshot::get(std::string_view key) const {
  const object_ptr* found = objects_.find(key);
  return found ? *found : nullptr;
}

object_ptr snapshot::get(std::string_view ns, std::string_view name) const {
  return get(object_key(ns, name));
}

std::vector<object_ptr> snapshot::list() const {
  std::vector<object_ptr> out;
  out.reserve(objects_.size());
  for_each([&](const object_ptr& obj) { out.push_back(obj); });
  return out;
}

std::vector<object_ptr> snapshot::list(std::string_view ns) const {
  if (ns.empty()) return list();
  std::vector<object_ptr> out;
  std::string prefix{ns};
  prefix += '/';
  objects_.for_each_prefix(prefix,
                           [&](const std::string&, const object_ptr& obj) { out.push_back(obj); });
  return out;
}

cache::cache() : current_(std::make_shared<const snapshot>()) {}

}  // namespace kactor::informer
