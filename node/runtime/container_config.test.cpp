#include "node/runtime/container_config.hpp"

#include <doctest/doctest.h>

using namespace kactor::node::runtime;

TEST_CASE("container_config_for copies command, args, workingDir and resources of the pod") {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name("web");
  pod.mutable_metadata()->set_namespace_("default");
  pod.mutable_metadata()->set_uid("u1");
  auto* c = pod.mutable_spec()->add_containers();
  c->set_name("app");
  c->set_image("host:v2");
  c->add_command("python3");
  c->add_args("-m");
  c->add_args("http.server");
  c->set_workingdir("/srv");
  (*c->mutable_resources()->mutable_requests())["cpu"].set_string("250m");
  (*c->mutable_resources()->mutable_limits())["cpu"].set_string("1");
  (*c->mutable_resources()->mutable_limits())["memory"].set_string("64Mi");

  auto cfg = container_config_for(pod, *c, {{"PORT", "8080"}}, 2);
  REQUIRE(cfg);
  CHECK(cfg->command == std::vector<std::string>{"python3"});
  CHECK(cfg->args == std::vector<std::string>{"-m", "http.server"});
  CHECK(cfg->working_dir == "/srv");
  CHECK(cfg->env == std::vector<env_var>{{"PORT", "8080"}});
  CHECK(cfg->log_path == "app/2.log");
  CHECK(cfg->resources == resource_limits{250, 1000, 64 * 1024 * 1024, 0});
  CHECK(cfg->labels.at(label_container_name) == "app");
  CHECK(cfg->labels.at(label_pod_uid) == "u1");

  auto sb = sandbox_config_for(pod, "/var/log/pods", 0);
  CHECK(sb.log_directory == "/var/log/pods/default_web_u1");
  CHECK(sb.uid == "u1");

  (*c->mutable_resources()->mutable_limits())["memory"].set_string("64 Mi");
  auto bad = container_config_for(pod, *c, {}, 0);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == error_code::invalid);
}
