#include "gateway/rest/api_routes.hpp"

#include <algorithm>

#include "actors/informer/informer.hpp"
#include "gateway/rest/delete_handlers.hpp"
#include "gateway/rest/pod_exec_handler.hpp"
#include "gateway/rest/pod_log_handler.hpp"
#include "gateway/rest/query_values.hpp"
#include "gateway/rest/read_handlers.hpp"
#include "gateway/rest/subresource_handlers.hpp"
#include "gateway/rest/watch_handler.hpp"
#include "gateway/rest/write_handlers.hpp"

namespace kactor::rest {

namespace {

// The Kubernetes verb of a request on a resolved scope.
std::string verb_of(const http::request& req, const request_scope& scope) {
  auto& m = req.method;
  if (m == "GET" || m == "HEAD") {
    if (query_true(req.query_value("watch"))) return "watch";
    return scope.collection() ? "list" : "get";
  }
  if (m == "POST") return "create";
  if (m == "PUT") return "update";
  if (m == "PATCH") return "patch";
  if (m == "DELETE") return scope.collection() ? "deletecollection" : "delete";
  return "";
}

bool allows(const messages::resource_info& r, const std::string& verb) {
  return std::find(r.verbs.begin(), r.verbs.end(), verb) != r.verbs.end();
}

http::response document_response(const discovery::served_document& doc, const http::request& req) {
  http::response res;
  if (auto inm = req.find_header("If-None-Match"); inm && *inm == doc.etag) {
    res.status = 304;
  } else {
    res.body = doc.body;
  }
  res.set_header("Content-Type", doc.content_type);
  res.set_header("ETag", doc.etag);
  res.set_header("Vary", "Accept");
  return res;
}

// Answers a GET of a discovery document (/api, /apis, /api/v1, /apis/<g>[/<v>]); false when
// the path is not one.
bool serve_discovery(const discovery::discovery_documents& docs, const http::request& req,
                     const http::responder& res) {
  auto answer = docs.find(req.path, req.find_header("Accept").value_or(""));
  if (answer.result == discovery::discovery_answer::outcome::found) {
    res.send(document_response(*answer.document, req));
    return true;
  }
  if (answer.result == discovery::discovery_answer::outcome::not_acceptable) {
    res.send(not_acceptable("application/json").response());
    return true;
  }
  return false;
}

void dispatch_subresource(const call_ptr& c, const std::string& verb) {
  auto& sub = c->scope.subresource;
  if (sub == "status") {
    if (verb == "get") return handle_get(c);
    if (verb == "update") return handle_update(c);
    if (verb == "patch") return handle_patch(c);
  } else if (sub == "scale") {
    if (verb == "get" || verb == "update" || verb == "patch") return handle_scale(c);
  } else if (sub == "finalize" && c->scope.resource->plural == "namespaces") {
    if (verb == "update") return handle_update(c);
  } else if (sub == "binding") {
    if (verb == "create") return handle_binding(c);
  } else if (sub == "log" && c->scope.resource->plural == "pods") {
    if (verb == "get") return handle_pod_log(c);
  } else if (sub == "exec" && c->scope.resource->plural == "pods") {
    if (verb == "get" || verb == "create") return handle_pod_exec(c);
  } else if (sub == "eviction") {
    if (verb == "create") return handle_eviction(c);
  } else {
    return c->fail(api_error{
        501, "NotImplemented",
        c->scope.resource->plural + "/" + sub + " is not served by this kactor gateway yet",
        nullptr});
  }
  c->fail(method_not_supported(c->scope.qualified(), verb));
}

}  // namespace

void serve_resource(const std::shared_ptr<api_context>& ctx, std::string group, std::string version,
                    std::string rest, http::request req, http::responder res) {
  auto scope = resolve_scope(ctx->types(), group, version, rest);
  if (!scope) return res.send(scope.error().response());
  auto out = negotiate_output(req);
  if (!out) return res.send(out.error().response());
  auto c = std::make_shared<rest_call>(
      rest_call{ctx, std::move(*scope), std::move(req), std::move(res), *out, {}});
  auto& r = *c->scope.resource;
  if (informer::registered_type(r.group, r.plural) != r.descriptor)
    return c->fail(api_error{501, "NotImplemented",
                             r.plural + " are stored as another version; " + r.api_version() +
                                 " is not converted by this kactor gateway yet",
                             nullptr});
  auto verb = verb_of(c->req, c->scope);
  if (verb.empty()) return c->fail(method_not_supported(c->scope.qualified(), c->req.method));
  if (r.namespaced && c->scope.ns.empty() && verb != "list" && verb != "watch")
    return c->fail(method_not_supported(c->scope.qualified(), verb));
  if (!c->scope.subresource.empty()) return dispatch_subresource(c, verb);
  if (!allows(r, verb)) return c->fail(method_not_supported(c->scope.qualified(), verb));
  if (verb == "get") return handle_get(c);
  if (verb == "list") return handle_list(c);
  if (verb == "watch") return handle_watch(c);
  if (verb == "create") {
    if (r.group.empty() && r.plural == "bindings") return handle_binding(c);
    if (!c->scope.collection()) return c->fail(method_not_supported(c->scope.qualified(), verb));
    return handle_create(c);
  }
  if (verb == "update") return handle_update(c);
  if (verb == "patch") return handle_patch(c);
  if (verb == "delete") return handle_delete(c);
  if (verb == "deletecollection") return handle_delete_collection(c);
}

void add_api_routes(http::router& routes, std::shared_ptr<api_context> ctx, api_documents docs) {
  auto discovery = docs.discovery;
  routes.add_sync("GET", "/version", [discovery](const http::request& req) {
    return document_response(discovery->version(), req);
  });
  auto openapi = docs.openapi;
  auto serve_openapi = [openapi](const http::request& req) {
    auto* doc = openapi->find(req.path);
    if (!doc) return no_such_path().response();
    auto res = document_response(*doc, req);
    if (auto hash = req.query_value("hash"); hash && *hash == doc->hash)
      res.set_header("Cache-Control", "public, immutable, max-age=31536000");
    else
      res.set_header("Cache-Control", "no-cache, private");
    return res;
  };
  routes.add_sync("GET", "/openapi/v3", serve_openapi);
  routes.add_sync("GET", "/openapi/v3/{rest...}", serve_openapi);
  routes.add_sync("GET", "/openapi/v2",
                  [](const http::request&) { return no_such_path().response(); });
  for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
    std::string m = method;
    routes.add(m, "/api/{rest...}", [ctx, discovery, m](http::request req, http::responder res) {
      if (m == "GET" && serve_discovery(*discovery, req, res)) return;
      std::string rest = req.params["rest"];
      if (rest.rfind("v1/", 0) != 0) return res.send(no_such_path().response());
      serve_resource(ctx, "", "v1", rest.substr(3), std::move(req), std::move(res));
    });
    routes.add(m, "/apis/{rest...}", [ctx, discovery, m](http::request req, http::responder res) {
      if (m == "GET" && serve_discovery(*discovery, req, res)) return;
      std::string rest = req.params["rest"];
      auto g = rest.find('/');
      auto v = g == std::string::npos ? std::string::npos : rest.find('/', g + 1);
      if (v == std::string::npos) return res.send(no_such_path().response());
      serve_resource(ctx, rest.substr(0, g), rest.substr(g + 1, v - g - 1), rest.substr(v + 1),
                     std::move(req), std::move(res));
    });
  }
}

}  // namespace kactor::rest
