#include "gateway/discovery/subresources.hpp"

#include <doctest/doctest.h>

using namespace kactor::discovery;
using kactor::messages::registry;
using strings = std::vector<std::string>;

namespace {
const kactor::messages::resource_info& resource(std::string_view group, std::string_view plural) {
  const auto* r = registry::generated().find_resource(group, "v1", plural);
  REQUIRE(r != nullptr);
  return *r;
}
}  // namespace

TEST_CASE("scale answers autoscaling/v1 Scale with get, patch, update") {
  auto sub = describe_subresource(resource("apps", "deployments"), "scale");
  REQUIRE(sub);
  CHECK(sub->response_kind == group_version_kind{"autoscaling", "v1", "Scale"});
  CHECK(sub->verbs == strings{"get", "patch", "update"});
  CHECK_FALSE(sub->connect);
}

TEST_CASE("status answers the resource's own kind") {
  auto sub = describe_subresource(resource("apps", "deployments"), "status");
  REQUIRE(sub);
  CHECK(sub->response_kind == group_version_kind{"apps", "v1", "Deployment"});
  CHECK(sub->response_kind.api_version() == "apps/v1");
}

TEST_CASE("pod subresources: eviction, binding, log, exec, proxy") {
  const auto& pods = resource("", "pods");
  auto eviction = describe_subresource(pods, "eviction");
  REQUIRE(eviction);
  CHECK(eviction->response_kind == group_version_kind{"policy", "v1", "Eviction"});
  CHECK(eviction->verbs == strings{"create"});
  CHECK(describe_subresource(pods, "binding")->response_kind.kind == "Binding");
  auto log = describe_subresource(pods, "log");
  CHECK(log->response_kind == group_version_kind{"", "v1", "Pod"});
  CHECK(log->response_kind.api_version() == "v1");
  CHECK(log->verbs == strings{"get"});
  auto exec = describe_subresource(pods, "exec");
  CHECK(exec->response_kind.kind == "PodExecOptions");
  CHECK(exec->verbs == strings{"create", "get"});
  CHECK(exec->connect);
  CHECK(describe_subresource(pods, "portforward")->response_kind.kind == "PodPortForwardOptions");
  auto proxy = describe_subresource(pods, "proxy");
  CHECK(proxy->response_kind.kind == "PodProxyOptions");
  CHECK(proxy->verbs == strings{"create", "delete", "get", "patch", "update"});
  CHECK(describe_subresource(resource("", "nodes"), "proxy")->response_kind.kind ==
        "NodeProxyOptions");
}

TEST_CASE("serviceaccounts/token answers authentication.k8s.io/v1 TokenRequest") {
  auto token = describe_subresource(resource("", "serviceaccounts"), "token");
  REQUIRE(token);
  CHECK(token->response_kind == group_version_kind{"authentication.k8s.io", "v1", "TokenRequest"});
  CHECK(token->verbs == strings{"create"});
}

TEST_CASE("unknown subresource names are not described") {
  CHECK_FALSE(describe_subresource(resource("", "pods"), "frobnicate"));
}

TEST_CASE("subresources_of lists the known ones sorted by name") {
  auto subs = subresources_of(resource("", "pods"));
  REQUIRE(subs.size() >= 8);
  for (std::size_t i = 1; i < subs.size(); ++i)
    CHECK(subs[i - 1].name < subs[i].name);
  CHECK(subs.front().name == "attach");
}
