#include "gateway/rest/pod_log_handler.hpp"

#include <doctest/doctest.h>

using namespace kactor;

namespace {

k8s::core::v1::Pod pod_with(std::initializer_list<const char*> containers) {
  k8s::core::v1::Pod p;
  p.mutable_metadata()->set_name("web");
  p.mutable_metadata()->set_namespace_("default");
  p.mutable_spec()->set_nodename("n1");
  for (const char* name : containers)
    p.mutable_spec()->add_containers()->set_name(name);
  return p;
}

http::request query(std::vector<http::query_item> items) {
  http::request r;
  r.query = std::move(items);
  return r;
}

}  // namespace

TEST_CASE("pod_log_request reads kubectl's parameters") {
  auto req = rest::pod_log_request(query({{"container", "app"},
                                          {"follow", "true"},
                                          {"tailLines", "2"},
                                          {"timestamps", "true"},
                                          {"previous", "false"},
                                          {"limitBytes", "100"},
                                          {"sinceTime", "2026-01-02T03:04:06Z"}}),
                                   pod_with({"app", "side"}));
  REQUIRE(req);
  CHECK(req->container() == "app");
  CHECK(req->follow());
  CHECK(!req->previous());
  CHECK(req->timestamps());
  CHECK(req->tail_lines() == 2);
  CHECK(req->limit_bytes() == 100);
  CHECK(req->since_unix_nanos() == 1767323046LL * 1'000'000'000LL);
  auto only = rest::pod_log_request(query({}), pod_with({"app"}));
  REQUIRE(only);
  CHECK(only->container() == "app");
  CHECK(!only->has_tail_lines());
}

TEST_CASE("pod_log_request answers Kubernetes' errors") {
  auto unnamed = rest::pod_log_request(query({}), pod_with({"a", "b"}));
  REQUIRE(!unnamed);
  CHECK(unnamed.error().message ==
        "a container name must be specified for pod web, choose one of: [a b]");
  auto unknown = rest::pod_log_request(query({{"container", "x"}}), pod_with({"a"}));
  REQUIRE(!unknown);
  CHECK(unknown.error().message == "container x is not valid for pod web");
  auto bad = rest::pod_log_request(query({{"tailLines", "-3"}}), pod_with({"a"}));
  CHECK(!bad);
  auto pending = pod_with({"a"});
  pending.mutable_spec()->clear_nodename();
  auto waiting = rest::pod_log_request(query({}), pending);
  REQUIRE(!waiting);
  CHECK(waiting.error().code == 400);
  CHECK(waiting.error().message ==
        "container \"a\" in pod \"web\" is waiting to start: ContainerCreating");
}
