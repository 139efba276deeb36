#pragma once

#include <memory>

#include "gateway/discovery/discovery_documents.hpp"
#include "gateway/http/router.hpp"
#include "gateway/openapi/openapi_documents.hpp"
#include "gateway/rest/api_context.hpp"

// The Kubernetes API on a router: /version, discovery (aggregated and legacy), OpenAPI v3,
// and every resource under /api/v1 and /apis/<group>/<version>.
namespace kactor::rest {

struct api_documents {
  std::shared_ptr<const discovery::discovery_documents> discovery;
  std::shared_ptr<const openapi::openapi_documents> openapi;
};

void add_api_routes(http::router& routes, std::shared_ptr<api_context> ctx, api_documents docs);

// Serves one resource request whose path has been split: group "" for /api/v1. Exposed for
// tests; add_api_routes calls it.
void serve_resource(const std::shared_ptr<api_context>& ctx, std::string group, std::string version,
                    std::string rest, http::request req, http::responder res);

}  // namespace kactor::rest
