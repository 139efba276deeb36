#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gateway/discovery/subresources.hpp"
#include "messages/codec/json_path.hpp"

namespace kactor::openapi {

/// What varies between the operations of a path (one HTTP method each).
struct operation_input {
  std::string action;                 ///< x-kubernetes-action: get list post put patch delete
                                      ///< deletecollection connect
  std::string operation_id;           ///< unique in the document: "patchAppsV1NamespacedDeployment"
  std::string description;            ///< "Partially update a Deployment"
  std::string tag;                    ///< "apps_v1"
  discovery::group_version_kind gvk;  ///< the kind the operation is about
  messages::json parameters = messages::json::array();  ///< its query parameters
  std::string request_schema;              ///< definition name of the body; "" = no body
  std::vector<std::string> request_media;  ///< the body's content types
  std::string response_schema;             ///< definition name of the answer; "" = a string
  std::string response_media = "application/json";
  std::vector<int> response_codes = {200};  ///< success codes, each with the response body
  bool watchable = false;                   ///< list: also answers a watch stream of WatchEvent
};

/// The OpenAPI operation object: tags, description, operationId, parameters, requestBody,
/// responses (plus 401), x-kubernetes-action and x-kubernetes-group-version-kind
/// ({group, kind, version}: kubectl matches it exactly).
messages::json operation(const operation_input& input);

/// A query parameter: {"name", "in": "query", "description", "schema": {"type": type}}
/// (no description when `description` is empty).
messages::json query_parameter(std::string_view name, std::string_view type,
                               std::string_view description);

/// A required path parameter of type string ("namespace", "name", "path").
messages::json path_parameter(std::string_view name, std::string_view description);

/// Query parameters of the write operations. POST and PUT: dryRun, fieldManager,
/// fieldValidation; PATCH adds force. kubectl's validation gate (apply, create -f, replace,
/// edit) looks for fieldValidation on the PATCH operation of the object's kind.
messages::json write_parameters(bool patch);

/// Query parameters of a list/watch: allowWatchBookmarks, continue, fieldSelector,
/// labelSelector, limit, resourceVersion, resourceVersionMatch, sendInitialEvents,
/// timeoutSeconds, watch.
messages::json list_parameters();

/// Query parameters of DELETE: dryRun, gracePeriodSeconds, orphanDependents,
/// propagationPolicy; for a collection also the list parameters that select the victims.
messages::json delete_parameters(bool collection);

/// The `pretty` query parameter every path takes.
messages::json pretty_parameter();

}  // namespace kactor::openapi
