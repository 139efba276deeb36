#pragma once

#include <string>
#include <string_view>

#include "gateway/openapi/schema_builder.hpp"
#include "messages/codec/json_path.hpp"
#include "messages/registry.hpp"

namespace kactor::openapi {

/// Choices in what the operations advertise.
struct paths_options {
  /// List application/strategic-merge-patch+json among the PATCH body types. kubectl apply
  /// then computes its patch from our schemas' x-kubernetes-patch-* annotations instead of
  /// its compiled-in Go types, so leave it off until every merge key is annotated.
  bool strategic_merge_patch = false;
};

/// The `paths` of the OpenAPI document of one group-version. Per resource, as its verbs allow:
///   <prefix>/namespaces/{namespace}/<plural>   GET list, POST create, DELETE deletecollection
///   <prefix>/<plural>                          GET list in all namespaces
///   <prefix>/namespaces/{namespace}/<plural>/{name}   GET, PUT, PATCH, DELETE
///   .../{name}/<subresource>                    per subresource (subresources.hpp): object
///       subresources get GET/PUT/PATCH/POST by their verbs; log a text GET; exec, attach,
///       portforward and proxy (also proxy/{path}) `connect` operations with the query
///       parameters of their options kind
/// (cluster-scoped resources without the namespaces/{namespace} part), plus `<prefix>/`
/// (the APIResourceList). Every operation carries x-kubernetes-action and
/// x-kubernetes-group-version-kind; every PATCH has dryRun, fieldManager, fieldValidation
/// and force. Every schema the operations refer to is added to `schemas`.
messages::json group_version_paths(const messages::registry& registry,
                                   const messages::group_version& gv, const paths_options& options,
                                   schema_builder& schemas);

/// The tag of a group-version's operations: "core_v1", "apps_v1", "rbacAuthorization_v1".
std::string group_version_tag(std::string_view group, std::string_view version);

/// The operationId infix of a group-version: "CoreV1", "AppsV1", "RbacAuthorizationV1".
std::string operation_stem(std::string_view group, std::string_view version);

}  // namespace kactor::openapi
