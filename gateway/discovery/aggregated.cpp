#include "gateway/discovery/aggregated.hpp"

#include <algorithm>

#include "gateway/discovery/subresources.hpp"

namespace kactor::discovery {

namespace {

using messages::json;

json gvk_json(const group_version_kind& gvk) {
  return json{{"group", gvk.group}, {"version", gvk.version}, {"kind", gvk.kind}};
}

json sorted_strings(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return json(values);
}

json resource_entry(const messages::resource_info& r) {
  json out = json::object();
  out["resource"] = r.plural;
  out["responseKind"] = gvk_json({r.group, r.version, r.kind});
  out["scope"] = r.namespaced ? "Namespaced" : "Cluster";
  out["singularResource"] = r.singular;
  out["verbs"] = sorted_strings(r.verbs);
  if (!r.short_names.empty()) out["shortNames"] = r.short_names;
  if (!r.categories.empty()) out["categories"] = r.categories;
  json subresources = json::array();
  for (const subresource_info& sub : subresources_of(r))
    subresources.push_back(json{{"subresource", sub.name},
                                {"responseKind", gvk_json(sub.response_kind)},
                                {"verbs", sub.verbs}});
  if (!subresources.empty()) out["subresources"] = std::move(subresources);
  return out;
}

json version_entry(const messages::registry& registry, const messages::group_version& gv) {
  json resources = json::array();
  for (const auto& r : registry.resources())
    if (r.group == gv.group && r.version == gv.version) resources.push_back(resource_entry(r));
  return json{
      {"version", gv.version}, {"resources", std::move(resources)}, {"freshness", "Current"}};
}

json discovery_list(std::string_view api_version, json items) {
  return json{{"kind", "APIGroupDiscoveryList"},
              {"apiVersion", api_version},
              {"metadata", json::object()},
              {"items", std::move(items)}};
}

}  // namespace

json aggregated_core(const messages::registry& registry, std::string_view api_version) {
  json versions = json::array();
  for (const auto& gv : registry.group_versions())
    if (gv.group.empty()) versions.push_back(version_entry(registry, gv));
  json items = json::array();
  items.push_back(json{{"metadata", json::object()}, {"versions", std::move(versions)}});
  return discovery_list(api_version, std::move(items));
}

json aggregated_groups(const messages::registry& registry, std::string_view api_version) {
  json items = json::array();
  std::string current;  // group_versions() keeps a group's versions together, preferred first
  for (const auto& gv : registry.group_versions()) {
    if (gv.group.empty()) continue;
    if (items.empty() || gv.group != current) {
      current = gv.group;
      items.push_back(json{{"metadata", json{{"name", gv.group}}}, {"versions", json::array()}});
    }
    items.back()["versions"].push_back(version_entry(registry, gv));
  }
  return discovery_list(api_version, std::move(items));
}

}  // namespace kactor::discovery
