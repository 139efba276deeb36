#include "gateway/openapi/operation.hpp"

#include "gateway/openapi/schema_names.hpp"

namespace kactor::openapi {

namespace {

using messages::json;

constexpr std::string_view watch_event = "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent";

const char* status_text(int code) {
  switch (code) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    default:
      return "Success";
  }
}

json schema_of(const std::string& definition) {
  if (definition.empty()) return json{{"type", "string"}};
  return json{{"$ref", schema_ref(definition)}};
}

json responses(const operation_input& input) {
  json content = json::object();
  content[input.response_media] = json{{"schema", schema_of(input.response_schema)}};
  if (input.watchable)
    content["application/json;stream=watch"] =
        json{{"schema", json{{"$ref", schema_ref(watch_event)}}}};
  json out = json::object();
  for (int code : input.response_codes)
    out[std::to_string(code)] = json{{"description", status_text(code)}, {"content", content}};
  out["401"] = json{{"description", "Unauthorized"}};
  return out;
}

}  // namespace

json operation(const operation_input& input) {
  json out = json::object();
  out["tags"] = json::array({input.tag});
  out["description"] = input.description;
  out["operationId"] = input.operation_id;
  if (!input.parameters.empty()) out["parameters"] = input.parameters;
  if (!input.request_schema.empty()) {
    json content = json::object();
    for (const auto& media : input.request_media)
      content[media] = json{{"schema", schema_of(input.request_schema)}};
    out["requestBody"] = json{{"content", std::move(content)}, {"required", true}};
  }
  out["responses"] = responses(input);
  out["x-kubernetes-action"] = input.action;
  out["x-kubernetes-group-version-kind"] =
      json{{"group", input.gvk.group}, {"kind", input.gvk.kind}, {"version", input.gvk.version}};
  return out;
}

json query_parameter(std::string_view name, std::string_view type, std::string_view description) {
  json out{{"name", name}, {"in", "query"}};
  if (!description.empty()) out["description"] = description;
  out["schema"] = json{{"type", type}};
  return out;
}

json path_parameter(std::string_view name, std::string_view description) {
  return json{{"name", name},
              {"in", "path"},
              {"description", description},
              {"required", true},
              {"schema", json{{"type", "string"}}}};
}

json pretty_parameter() {
  return query_parameter("pretty", "string", "If 'true', the output is indented.");
}

json write_parameters(bool patch) {
  json out = json::array();
  out.push_back(query_parameter(
      "dryRun", "string",
      "When present, the request is validated and processed but nothing is stored. The only "
      "value is All."));
  out.push_back(query_parameter(
      "fieldManager", "string",
      "The name of the actor making the change, recorded as the owner of the fields it sets. "
      "Required for apply patches."));
  out.push_back(query_parameter(
      "fieldValidation", "string",
      "What to do with unknown or duplicate fields in the body: Ignore (drop them), Warn "
      "(drop them and answer a Warning header; the default) or Strict (fail the request)."));
  if (patch)
    out.push_back(query_parameter(
        "force", "boolean",
        "Apply patches only: take over fields that other managers own instead of failing with "
        "a conflict."));
  return out;
}

json list_parameters() {
  json out = json::array();
  out.push_back(query_parameter("allowWatchBookmarks", "boolean",
                                "Watch only: the server may send BOOKMARK events."));
  out.push_back(
      query_parameter("continue", "string", "The token of the previous page of a paged list."));
  out.push_back(query_parameter("fieldSelector", "string",
                                "Select objects by fields, e.g. metadata.name=web."));
  out.push_back(query_parameter("labelSelector", "string",
                                "Select objects by labels, e.g. app=web,tier!=db."));
  out.push_back(query_parameter("limit", "integer", "The most objects to return in one page."));
  out.push_back(query_parameter(
      "resourceVersion", "string",
      "List: the revision to read at (\"0\": any); watch: send only changes after it."));
  out.push_back(query_parameter("resourceVersionMatch", "string",
                                "How resourceVersion applies to a list: Exact or NotOlderThan."));
  out.push_back(query_parameter("sendInitialEvents", "boolean",
                                "Watch only: start with ADDED events for the current objects."));
  out.push_back(query_parameter("timeoutSeconds", "integer",
                                "End the list or watch after this many seconds."));
  out.push_back(query_parameter("watch", "boolean",
                                "Stream changes as watch events instead of returning a list."));
  return out;
}

json delete_parameters(bool collection) {
  json out = json::array();
  out.push_back(query_parameter(
      "dryRun", "string",
      "When present, the deletion is validated but not performed. The only value is All."));
  out.push_back(query_parameter("gracePeriodSeconds", "integer",
                                "Seconds the object may take to terminate; 0 deletes at once."));
  out.push_back(query_parameter("orphanDependents", "boolean",
                                "Deprecated: use propagationPolicy (Orphan)."));
  out.push_back(query_parameter(
      "propagationPolicy", "string",
      "What happens to dependents: Orphan, Background (the default) or Foreground."));
  if (collection)
    for (auto& p : list_parameters())
      if (p["name"] != "watch" && p["name"] != "allowWatchBookmarks") out.push_back(p);
  return out;
}

}  // namespace kactor::openapi
