#include "bench/gateway/objects.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace gw = kactor::bench::gateway;

TEST_CASE("the ConfigMap body is ~1 KiB of JSON naming its namespace and name") {
  auto text = gw::configmap_json("bench", "cm-1");
  CHECK(text.size() > 1024);
  CHECK(text.size() < 1400);
  auto j = nlohmann::json::parse(text);
  CHECK(j["kind"] == "ConfigMap");
  CHECK(j["metadata"]["namespace"] == "bench");
  CHECK(j["metadata"]["name"] == "cm-1");
}

TEST_CASE("the Pod body is a two-container pod owned by a ReplicaSet") {
  auto j = nlohmann::json::parse(gw::pod_json("ns", "web-1"));
  CHECK(j["kind"] == "Pod");
  CHECK(j["metadata"]["name"] == "web-1");
  CHECK(j["metadata"]["ownerReferences"][0]["kind"] == "ReplicaSet");
  CHECK(j["spec"]["containers"].size() == 2);
}
