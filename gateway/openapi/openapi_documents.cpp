#include "gateway/openapi/openapi_documents.hpp"

#include "gateway/discovery/version_info.hpp"
#include "gateway/openapi/kind_index.hpp"
#include "gateway/openapi/schema_builder.hpp"

namespace kactor::openapi {

namespace {

using messages::json;

constexpr std::string_view root_path = "/openapi/v3";

std::string key_of(const messages::group_version& gv) {
  return gv.group.empty() ? "api/" + gv.version : "apis/" + gv.group + "/" + gv.version;
}

json document(const messages::registry& registry, const kind_index& kinds,
              const messages::group_version& gv, const openapi_options& options) {
  schema_builder schemas(kinds);
  json paths = group_version_paths(registry, gv, options.paths, schemas);
  return json{{"openapi", "3.0.0"},
              {"info", json{{"title", "Kubernetes"}, {"version", discovery::kubernetes_version}}},
              {"paths", std::move(paths)},
              {"components", json{{"schemas", schemas.schemas()}}}};
}

}  // namespace

json group_version_document(const messages::registry& registry, const messages::group_version& gv,
                            const openapi_options& options) {
  return document(registry, kind_index::from(registry), gv, options);
}

openapi_documents::openapi_documents(const messages::registry& registry,
                                     const openapi_options& options) {
  const kind_index kinds = kind_index::from(registry);
  json index = json::object();
  for (const auto& gv : registry.group_versions()) {
    std::string key = key_of(gv);
    auto doc = discovery::make_document(document(registry, kinds, gv, options), "application/json");
    index[key] =
        json{{"serverRelativeURL", std::string(root_path) + "/" + key + "?hash=" + doc.hash}};
    documents_.emplace(key, std::move(doc));
    keys_.push_back(std::move(key));
  }
  root_ = discovery::make_document(json{{"paths", std::move(index)}}, "application/json");
}

const served_document* openapi_documents::group_version(std::string_view key) const {
  auto it = documents_.find(key);
  return it == documents_.end() ? nullptr : &it->second;
}

const served_document* openapi_documents::find(std::string_view path) const {
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (path == root_path) return &root_;
  if (!path.starts_with(root_path) || path.size() <= root_path.size() + 1 ||
      path[root_path.size()] != '/')
    return nullptr;
  return group_version(path.substr(root_path.size() + 1));
}

}  // namespace kactor::openapi
