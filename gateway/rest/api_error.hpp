#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gateway/http/message.hpp"
#include "messages/codec/json_path.hpp"

// Errors as the Kubernetes API reports them: a metav1.Status with a reason and an HTTP code.
// Every failing request of the REST layer ends as one of these, so kubectl prints
// `Error from server (<reason>): <message>` exactly as it does against kube-apiserver.
namespace kactor::rest {

using messages::json;

// The resource an error is about, as Status details name it: group "" for core, the plural
// resource as `kind` (kube-apiserver's convention for not-found/exists/conflict errors).
struct qualified_resource {
  std::string group;
  std::string resource;
  // "pods" for the core group, "deployments.apps" otherwise: what messages quote.
  std::string text() const;
};

// One entry of Status.details.causes.
struct status_cause {
  std::string reason;  // "FieldValueRequired", "FieldManagerConflict" ...
  std::string message;
  std::string field;  // "spec.containers[0].image"
};

struct api_error {
  int code = 500;
  std::string reason;  // "NotFound", "AlreadyExists", "Conflict", "Invalid", "BadRequest" ...
  std::string message;
  json details;  // null, or the Status `details` object

  // The Status object.
  json status() const;
  // The Status as an HTTP response (application/json).
  http::response response() const;
};

api_error not_found(const qualified_resource& what, std::string_view name);
api_error already_exists(const qualified_resource& what, std::string_view name);
// The optimistic-concurrency failure of an update or delete.
api_error conflict(const qualified_resource& what, std::string_view name, std::string_view why);
// 422 Invalid: `message` is the whole text (`Deployment.apps "x" is invalid: ...`).
api_error invalid(const qualified_resource& what, std::string_view kind, std::string_view name,
                  std::string message, std::vector<status_cause> causes);
api_error bad_request(std::string message);
api_error forbidden(const qualified_resource& what, std::string_view name, std::string_view why);
api_error method_not_supported(const qualified_resource& what, std::string_view verb);
api_error unsupported_media_type(std::string_view content_type, std::string_view accepted);
api_error not_acceptable(std::string_view accepted);
// 410 Gone / Expired: a resourceVersion older than the retained history.
api_error expired(std::string message);
api_error too_large(std::string message);
api_error unavailable(std::string message);
api_error timeout(std::string message);
api_error internal(std::string message);
// 409 Conflict raised by server-side apply, with one cause per conflicting field.
api_error apply_conflict(const qualified_resource& what, std::string_view name, std::string message,
                         std::vector<status_cause> causes);

}  // namespace kactor::rest
