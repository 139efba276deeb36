#include "gateway/discovery/discovery_documents.hpp"

#include "gateway/discovery/aggregated.hpp"
#include "gateway/discovery/legacy.hpp"

namespace kactor::discovery {

namespace {

constexpr std::string_view json_type = "application/json";

std::string resource_list_path(std::string_view group, std::string_view version) {
  if (group.empty()) return "/api/" + std::string(version);
  return "/apis/" + std::string(group) + "/" + std::string(version);
}

served_document aggregated(messages::json value, discovery_format format) {
  return make_document(std::move(value), std::string(discovery_content_type(format)));
}

}  // namespace

discovery_documents::discovery_documents(const messages::registry& registry,
                                         const discovery_options& options)
    : version_(make_document(version_info(options.version), std::string(json_type))),
      core_v2_(aggregated(discovery::aggregated_core(registry, aggregated_v2_api_version),
                          discovery_format::aggregated_v2)),
      core_v2beta1_(aggregated(discovery::aggregated_core(registry, aggregated_v2beta1_api_version),
                               discovery_format::aggregated_v2beta1)),
      groups_v2_(aggregated(discovery::aggregated_groups(registry, aggregated_v2_api_version),
                            discovery_format::aggregated_v2)),
      groups_v2beta1_(
          aggregated(discovery::aggregated_groups(registry, aggregated_v2beta1_api_version),
                     discovery_format::aggregated_v2beta1)),
      api_versions_(
          make_document(discovery::api_versions(options.server_address), std::string(json_type))),
      api_group_list_(make_document(discovery::api_group_list(registry), std::string(json_type))) {
  for (const auto& gv : registry.group_versions()) {
    if (!gv.group.empty() && !groups_.contains(gv.group))
      groups_.emplace(gv.group, make_document(*discovery::api_group(registry, gv.group),
                                              std::string(json_type)));
    resource_lists_.emplace(
        resource_list_path(gv.group, gv.version),
        make_document(*discovery::api_resource_list(registry, gv.group, gv.version),
                      std::string(json_type)));
  }
}

const served_document& discovery_documents::aggregated_core(discovery_format format) const {
  return format == discovery_format::aggregated_v2beta1 ? core_v2beta1_ : core_v2_;
}

const served_document& discovery_documents::aggregated_groups(discovery_format format) const {
  return format == discovery_format::aggregated_v2beta1 ? groups_v2beta1_ : groups_v2_;
}

const served_document* discovery_documents::api_group(std::string_view group) const {
  auto it = groups_.find(group);
  return it == groups_.end() ? nullptr : &it->second;
}

const served_document* discovery_documents::api_resource_list(std::string_view group,
                                                              std::string_view version) const {
  auto it = resource_lists_.find(resource_list_path(group, version));
  return it == resource_lists_.end() ? nullptr : &it->second;
}

discovery_answer discovery_documents::find(std::string_view path, std::string_view accept) const {
  using outcome = discovery_answer::outcome;
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  auto found = [](const served_document* doc) {
    return doc ? discovery_answer{outcome::found, doc} : discovery_answer{};
  };
  if (path == "/version") return found(&version_);
  if (path == "/api" || path == "/apis") {
    discovery_format format = negotiate_discovery(accept);
    if (format == discovery_format::not_acceptable) return {outcome::not_acceptable, nullptr};
    bool core = path == "/api";
    if (format == discovery_format::legacy) return found(core ? &api_versions_ : &api_group_list_);
    return found(core ? &aggregated_core(format) : &aggregated_groups(format));
  }
  if (auto it = resource_lists_.find(path); it != resource_lists_.end()) return found(&it->second);
  if (path.starts_with("/apis/")) return found(api_group(path.substr(6)));
  return {};
}

}  // namespace kactor::discovery
