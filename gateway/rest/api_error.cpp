#include "gateway/rest/api_error.hpp"

namespace kactor::rest {

namespace {

std::string quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  out += s;
  out += '"';
  return out;
}

json details_of(const qualified_resource& what, std::string_view name) {
  json d = json::object();
  if (!name.empty()) d["name"] = std::string{name};
  if (!what.group.empty()) d["group"] = what.group;
  d["kind"] = what.resource;
  return d;
}

json causes_json(const std::vector<status_cause>& causes) {
  json list = json::array();
  for (auto& c : causes) {
    json item = json::object();
    item["reason"] = c.reason;
    item["message"] = c.message;
    item["field"] = c.field;
    list.push_back(std::move(item));
  }
  return list;
}

api_error make(int code, std::string reason, std::string message, json details = nullptr) {
  return api_error{code, std::move(reason), std::move(message), std::move(details)};
}

}  // namespace

std::string qualified_resource::text() const {
  return group.empty() ? resource : resource + "." + group;
}

json api_error::status() const {
  json s = json::object();
  s["kind"] = "Status";
  s["apiVersion"] = "v1";
  s["metadata"] = json::object();
  s["status"] = "Failure";
  s["message"] = message;
  s["reason"] = reason;
  if (!details.is_null()) s["details"] = details;
  s["code"] = code;
  return s;
}

http::response api_error::response() const {
  return http::response::json(code, status().dump());
}

api_error not_found(const qualified_resource& what, std::string_view name) {
  return make(404, "NotFound", what.text() + " " + quote(name) + " not found",
              details_of(what, name));
}

api_error already_exists(const qualified_resource& what, std::string_view name) {
  return make(409, "AlreadyExists", what.text() + " " + quote(name) + " already exists",
              details_of(what, name));
}

api_error conflict(const qualified_resource& what, std::string_view name, std::string_view why) {
  return make(409, "Conflict",
              "Operation cannot be fulfilled on " + what.text() + " " + quote(name) + ": " +
                  std::string{why},
              details_of(what, name));
}

api_error invalid(const qualified_resource& what, std::string_view kind, std::string_view name,
                  std::string message, std::vector<status_cause> causes) {
  json d = json::object();
  if (!name.empty()) d["name"] = std::string{name};
  if (!what.group.empty()) d["group"] = what.group;
  d["kind"] = std::string{kind};
  if (!causes.empty()) d["causes"] = causes_json(causes);
  return make(422, "Invalid", std::move(message), std::move(d));
}

api_error bad_request(std::string message) {
  return make(400, "BadRequest", std::move(message));
}

api_error forbidden(const qualified_resource& what, std::string_view name, std::string_view why) {
  return make(403, "Forbidden",
              what.text() + " " + quote(name) + " is forbidden: " + std::string{why},
              details_of(what, name));
}

api_error method_not_supported(const qualified_resource& what, std::string_view verb) {
  json d = json::object();
  if (!what.group.empty()) d["group"] = what.group;
  d["kind"] = what.resource;
  return make(405, "MethodNotAllowed",
              std::string{verb} + " is not supported on resources of kind " + quote(what.text()),
              std::move(d));
}

api_error unsupported_media_type(std::string_view content_type, std::string_view accepted) {
  return make(415, "UnsupportedMediaType",
              "the body of the request was in an unknown format - accepted media types include: " +
                  std::string{accepted},
              json{{"kind", std::string{content_type}}});
}

api_error not_acceptable(std::string_view accepted) {
  return make(406, "NotAcceptable",
              "only the following media types are accepted: " + std::string{accepted});
}

api_error expired(std::string message) {
  return make(410, "Expired", std::move(message));
}
api_error too_large(std::string message) {
  return make(413, "RequestEntityTooLarge", std::move(message));
}
api_error unavailable(std::string message) {
  return make(503, "ServiceUnavailable", std::move(message));
}
api_error timeout(std::string message) {
  return make(504, "Timeout", std::move(message));
}
api_error internal(std::string message) {
  return make(500, "InternalError", "Internal error occurred: " + message,
              json{{"causes", json::array({json{{"message", message}}})}});
}

api_error apply_conflict(const qualified_resource& what, std::string_view name, std::string message,
                         std::vector<status_cause> causes) {
  json d = details_of(what, name);
  d["causes"] = causes_json(causes);
  return make(409, "Conflict", std::move(message), std::move(d));
}

}  // namespace kactor::rest
