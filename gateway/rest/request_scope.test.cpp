#include "gateway/rest/request_scope.hpp"

#include <doctest/doctest.h>

using namespace kactor;

namespace {
const messages::registry& types() {
  return messages::registry::generated();
}
}  // namespace

TEST_CASE("resource paths resolve to resource, namespace, name and subresource") {
  auto pods = rest::resolve_scope(types(), "", "v1", "namespaces/default/pods/web/status");
  REQUIRE(pods);
  CHECK(pods->resource->plural == "pods");
  CHECK(pods->ns == "default");
  CHECK(pods->name == "web");
  CHECK(pods->subresource == "status");

  auto all = rest::resolve_scope(types(), "apps", "v1", "deployments");
  REQUIRE(all);
  CHECK(all->ns.empty());
  CHECK(all->collection());

  auto ns = rest::resolve_scope(types(), "", "v1", "namespaces/kube-system");
  REQUIRE(ns);
  CHECK(ns->resource->plural == "namespaces");
  CHECK(ns->name == "kube-system");

  auto finalize = rest::resolve_scope(types(), "", "v1", "namespaces/gone/finalize");
  REQUIRE(finalize);
  CHECK(finalize->resource->plural == "namespaces");
  CHECK(finalize->subresource == "finalize");

  auto scale = rest::resolve_scope(types(), "apps", "v1", "namespaces/a/deployments/web/scale");
  REQUIRE(scale);
  CHECK(scale->subresource == "scale");
  CHECK(scale->qualified().text() == "deployments.apps");
}

TEST_CASE("unknown resources, subresources and scopes are 404s") {
  for (auto* path : {"foos", "namespaces/default/pods/web/nope", "namespaces/default/nodes",
                     "pods/a/b/c", "namespaces/default/pods//status", ""}) {
    CAPTURE(path);
    auto r = rest::resolve_scope(types(), "", "v1", path);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == 404);
    CHECK(r.error().message == "the server could not find the requested resource");
  }
}
