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
  cm->mutable_valuefrom()->mutable_configmapkeyref()->set_key("k");
  auto refused = resolve_env(pod, c, "10.0.0.5");
  REQUIRE(!refused);
  CHECK(refused.error().reason == "CreateContainerConfigError");
}
