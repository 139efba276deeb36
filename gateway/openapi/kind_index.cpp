#include "gateway/openapi/kind_index.hpp"

#include <algorithm>

namespace kactor::openapi {

kind_index kind_index::from(const messages::registry& registry) {
  kind_index index;
  for (const auto& r : registry.resources()) {
    index.add(r.descriptor, {r.group, r.version, r.kind});
    if (r.list_descriptor) index.add(r.list_descriptor, {r.group, r.version, r.kind + "List"});
    for (const auto& sub : discovery::subresources_of(r)) {
      if (sub.connect) continue;  // option kinds are query parameters, not bodies
      const auto& k = sub.response_kind;
      if (const auto* type = registry.find_kind(k.api_version(), k.kind)) index.add(type, k);
    }
  }
  for (const char* kind : {"Status", "DeleteOptions", "APIResourceList"})
    if (const auto* type = registry.find_kind("meta.k8s.io/v1", kind)) index.add_typed(type);
  return index;
}

void kind_index::add(const google::protobuf::Descriptor* type, group_version_kind gvk) {
  auto& list = kinds_[type];
  if (std::find(list.begin(), list.end(), gvk) == list.end()) list.push_back(std::move(gvk));
  typed_.insert(type);
}

void kind_index::add_typed(const google::protobuf::Descriptor* type) {
  typed_.insert(type);
}

const std::vector<group_version_kind>& kind_index::kinds_of(
    const google::protobuf::Descriptor* type) const {
  static const std::vector<group_version_kind> none;
  auto it = kinds_.find(type);
  return it == kinds_.end() ? none : it->second;
}

bool kind_index::is_typed(const google::protobuf::Descriptor* type) const {
  return typed_.contains(type);
}

}  // namespace kactor::openapi
