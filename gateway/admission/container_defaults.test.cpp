#include "gateway/admission/container_defaults.hpp"

#include <doctest/doctest.h>

using namespace kactor::admission;

TEST_CASE("image pull policy follows the tag") {
  CHECK(default_pull_policy("nginx") == "Always");
  CHECK(default_pull_policy("nginx:latest") == "Always");
  CHECK(default_pull_policy("nginx:1.27") == "IfNotPresent");
  CHECK(default_pull_policy("registry:5000/team/app") == "Always");
  CHECK(default_pull_policy("registry:5000/team/app:v2") == "IfNotPresent");
  CHECK(default_pull_policy("nginx@sha256:0123") == "IfNotPresent");
  CHECK(default_pull_policy("nginx:latest@sha256:0123") == "Always");
  CHECK(default_pull_policy("host:v2") == "IfNotPresent");
}

TEST_CASE("container defaults keep explicit values and fill the rest") {
  k8s::core::v1::Container c;
  c.set_image("nginx");
  c.set_terminationmessagepath("/tmp/log");
  auto& probe = *c.mutable_lifecycle()->mutable_prestop()->mutable_httpget();
  probe.set_scheme("HTTPS");
  c.mutable_readinessprobe()->set_periodseconds(3);
  c.add_env()->mutable_valuefrom()->mutable_resourcefieldref()->set_resource("limits.cpu");
  default_container(c);
  CHECK(c.imagepullpolicy() == "Always");
  CHECK(c.terminationmessagepath() == "/tmp/log");
  CHECK(c.terminationmessagepolicy() == "File");
  CHECK(c.lifecycle().prestop().httpget().scheme() == "HTTPS");
  CHECK(c.lifecycle().prestop().httpget().path() == "/");
  CHECK(c.readinessprobe().periodseconds() == 3);
  CHECK(c.readinessprobe().timeoutseconds() == 1);
  CHECK(c.env(0).valuefrom().resourcefieldref().divisor().string() == "0");
}

TEST_CASE("ephemeral containers get the same defaults") {
  k8s::core::v1::EphemeralContainerCommon c;
  c.set_image("busybox:1.36");
  c.add_ports()->set_containerport(80);
  default_container(c);
  CHECK(c.imagepullpolicy() == "IfNotPresent");
  CHECK(c.ports(0).protocol() == "TCP");
}
