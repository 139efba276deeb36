#include "node/agent/container_env.hpp"

#include <doctest/doctest.h>

using namespace kactor::node::agent;

TEST_CASE("resolve_env: values with $(VAR) expansion and the downward API") {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name("web");
  pod.mutable_metadata()->set_namespace_("team");
  (*pod.mutable_metadata()->mutable_labels())["app"] = "shop";
  pod.mutable_spec()->set_nodename("n1");
  k8s::core::v1::Container c;
  auto add = [&](const std::string& name, const std::string& value) {
    auto* e = c.add_env();
    e->set_name(name);
    e->set_value(value);
  };
  add("GREETING", "hello");
  add("MESSAGE", "$(GREETING) world $$(GREETING) $(MISSING)");
  auto* field = c.add_env();
  field->set_name("POD_NS");
  field->mutable_valuefrom()->mutable_fieldref()->set_fieldpath("metadata.namespace");
  auto* label = c.add_env();
  label->set_name("APP");
  label->mutable_valuefrom()->mutable_fieldref()->set_fieldpath("metadata.labels['app']");
  auto* ip = c.add_env();
  ip->set_name("POD_IP");
  ip->mutable_valuefrom()->mutable_fieldref()->set_fieldpath("status.podIP");
  auto env = resolve_env(pod, c, "10.0.0.5");
  REQUIRE(env);
  auto value = [&](const std::string& name) {
    for (auto& v : *env)
      if (v.name == name) return v.value;
    return std::string("<unset>");
  };
  CHECK(value("PATH").find("/usr/bin") != std::string::npos);
  CHECK(value("MESSAGE") == "hello world $(GREETING) $(MISSING)");
  CHECK(value("POD_NS") == "team");
  CHECK(value("APP") == "shop");
  CHECK(value("POD_IP") == "10.0.0.5");

  auto* cm = c.add_env();
  cm->set_name("FROM_CM");
  cm->mutable_valuefrom()->mutable_configmapkeyref()->set_key("color");
  cm->mutable_valuefrom()->mutable_configmapkeyref()->mutable_localobjectreference()->set_name(
      "settings");
  auto refused = resolve_env(pod, c, "10.0.0.5");
  REQUIRE(!refused);
  CHECK(refused.error().reason == "CreateContainerConfigError");
  CHECK(refused.error().message == "configmap \"settings\" not found");

  auto settings = std::make_shared<k8s::core::v1::ConfigMap>();
  (*settings->mutable_data())["color"] = "blue";
  auto token = std::make_shared<k8s::core::v1::Secret>();
  (*token->mutable_data())["token"] = "s3cret";
  auto svc = std::make_shared<k8s::core::v1::Service>();
  svc->mutable_metadata()->set_name("web-api");
  svc->mutable_spec()->set_clusterip("10.96.0.10");
  auto* port = svc->mutable_spec()->add_ports();
  port->set_name("http");
  port->set_port(80);
  env_sources sources;
  sources.config_map = [&](const std::string& ns, const std::string& name) {
    return ns == "team" && name == "settings" ? settings : nullptr;
  };
  sources.secret = [&](const std::string&, const std::string& name) {
    return name == "token" ? token : nullptr;
  };
  sources.services = [&](const std::string& ns) {
    return ns == "team" ? std::vector<std::shared_ptr<const k8s::core::v1::Service>>{svc}
                        : std::vector<std::shared_ptr<const k8s::core::v1::Service>>{};
  };
  auto* from = c.add_envfrom();
  from->set_prefix("S_");
  from->mutable_secretref()->mutable_localobjectreference()->set_name("token");
  auto full = resolve_env(pod, c, "10.0.0.5", sources);
  REQUIRE(full);
  env = std::move(full);
  CHECK(value("FROM_CM") == "blue");
  CHECK(value("S_token") == "s3cret");
  CHECK(value("WEB_API_SERVICE_HOST") == "10.96.0.10");
  CHECK(value("WEB_API_SERVICE_PORT") == "80");
  CHECK(value("WEB_API_SERVICE_PORT_HTTP") == "80");
  CHECK(value("WEB_API_PORT") == "tcp://10.96.0.10:80");
  CHECK(value("WEB_API_PORT_80_TCP_ADDR") == "10.96.0.10");
}
