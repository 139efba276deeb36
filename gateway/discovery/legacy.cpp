#include "gateway/discovery/legacy.hpp"

#include <algorithm>

#include "gateway/discovery/subresources.hpp"

namespace kactor::discovery {

namespace {

using messages::json;

std::string api_version_of(std::string_view group, std::string_view version) {
  return group.empty() ? std::string(version) : std::string(group) + "/" + std::string(version);
}

json sorted_strings(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return json(values);
}

json group_version_entry(std::string_view group, std::string_view version) {
  return json{{"groupVersion", api_version_of(group, version)}, {"version", version}};
}

// The APIGroup body without kind/apiVersion (APIGroupList items carry none).
std::optional<json> group_entry(const messages::registry& registry, std::string_view group) {
  json versions = json::array();
  for (const auto& gv : registry.group_versions())
    if (gv.group == group) versions.push_back(group_version_entry(gv.group, gv.version));
  if (group.empty() || versions.empty()) return std::nullopt;
  json preferred = versions.front();
  return json{{"name", group},
              {"versions", std::move(versions)},
              {"preferredVersion", std::move(preferred)}};
}

json resource_entry(const messages::resource_info& r) {
  json out = json::object();
  out["name"] = r.plural;
  out["singularName"] = r.singular;
  out["namespaced"] = r.namespaced;
  out["kind"] = r.kind;
  out["verbs"] = sorted_strings(r.verbs);
  if (!r.short_names.empty()) out["shortNames"] = r.short_names;
  if (!r.categories.empty()) out["categories"] = r.categories;
  return out;
}

json subresource_entry(const messages::resource_info& r, const subresource_info& sub) {
  json out = json::object();
  out["name"] = r.plural + "/" + sub.name;
  out["singularName"] = "";
  out["namespaced"] = r.namespaced;
  if (sub.response_kind.group != r.group || sub.response_kind.version != r.version) {
    out["group"] = sub.response_kind.group;
    out["version"] = sub.response_kind.version;
  }
  out["kind"] = sub.response_kind.kind;
  out["verbs"] = sub.verbs;
  return out;
}

}  // namespace

json api_versions(std::string_view server_address) {
  json addresses = json::array();
  if (!server_address.empty())
    addresses.push_back(json{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", server_address}});
  return json{{"kind", "APIVersions"},
              {"versions", json::array({"v1"})},
              {"serverAddressByClientCIDRs", std::move(addresses)}};
}

json api_group_list(const messages::registry& registry) {
  json groups = json::array();
  std::string last;
  for (const auto& gv : registry.group_versions()) {
    if (gv.group.empty() || gv.group == last) continue;
    last = gv.group;
    groups.push_back(*group_entry(registry, gv.group));
  }
  return json{{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", std::move(groups)}};
}

std::optional<json> api_group(const messages::registry& registry, std::string_view group) {
  auto entry = group_entry(registry, group);
  if (!entry) return std::nullopt;
  json out{{"kind", "APIGroup"}, {"apiVersion", "v1"}};
  out.update(*entry);
  return out;
}

std::optional<json> api_resource_list(const messages::registry& registry, std::string_view group,
                                      std::string_view version) {
  json resources = json::array();
  for (const auto& r : registry.resources()) {
    if (r.group != group || r.version != version) continue;
    resources.push_back(resource_entry(r));
    // Subresources sort by name, and "res/sub" sorts before any longer plural "res...":
    // the whole list stays sorted by name, as Kubernetes lists it.
    for (const subresource_info& sub : subresources_of(r))
      resources.push_back(subresource_entry(r, sub));
  }
  if (resources.empty()) return std::nullopt;
  return json{{"kind", "APIResourceList"},
              {"apiVersion", "v1"},
              {"groupVersion", api_version_of(group, version)},
              {"resources", std::move(resources)}};
}

}  // namespace kactor::discovery
