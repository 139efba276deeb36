#include "config/role_fields.hpp"

#include <doctest/doctest.h>

#include "config/testing/field_docs.hpp"
#include "config/yaml_source.hpp"

using namespace std::chrono_literals;
using namespace kactor::config;

namespace {

const role_kind all_kinds[] = {role_kind::scheduler, role_kind::controller_manager,
                               role_kind::kubelet};

}  // namespace

TEST_CASE("roles: defaults round-trip, names and flags are unique, docs list every field") {
  for (auto kind : all_kinds) {
    CAPTURE(section_of(kind));
    role_command_config cfg;
    testing::check_round_trip(role_fields(cfg, kind), {});
    testing::check_unique(role_fields(cfg, kind));
    testing::check_documented(role_fields(cfg, kind), {});
  }
}

TEST_CASE("roles: each section has its own fields only") {
  role_command_config cfg;
  auto names = [&](role_kind kind) {
    std::set<std::string> out;
    for (auto& f : role_fields(cfg, kind))
      out.insert(f.name);
    return out;
  };
  CHECK(names(role_kind::scheduler).contains("scheduler.leader_elect.enabled"));
  CHECK(!names(role_kind::scheduler).contains("scheduler.node_monitor_period"));
  CHECK(names(role_kind::controller_manager).contains("controller_manager.node_monitor_period"));
  CHECK(names(role_kind::kubelet).contains("kubelet.pod_manifest_path"));
  CHECK(!names(role_kind::kubelet).contains("kubelet.leader_elect.enabled"));
}

TEST_CASE("roles: a YAML section and finalize") {
  role_command_config cfg;
  auto err = apply_yaml(R"(controller_manager:
  nats_url: nats://127.0.0.1:4222
  leader_elect: {enabled: false, lease_duration: 3s, renew_deadline: 2s, retry_period: 500ms}
  node_monitor_period: 1s
  node_monitor_grace_period: 4s
)",
                        "test.yaml", role_fields(cfg, role_kind::controller_manager));
  REQUIRE_MESSAGE(!err.has_value(), (err ? err->message : ""));
  CHECK(!cfg.leader_elect);
  CHECK(cfg.lease_duration == 3s);
  CHECK(cfg.node_monitor_grace_period == 4s);
  auto done = finalize(cfg, "controller_manager");
  REQUIRE(done);
  CHECK(!done->node_name.empty());
  CHECK(done->root_dir == "/tmp/kactor-kubelet-" + done->node_name);

  role_command_config bad = cfg;
  bad.renew_deadline = 3s;
  auto refused = finalize(bad, "controller_manager");
  REQUIRE(!refused);
  CHECK(refused.error().message ==
        "config: controller_manager.leader_elect.renew_deadline: must be less than the lease "
        "duration");
  role_command_config no_bus;
  auto unset = finalize(no_bus, "kubelet");
  REQUIRE(!unset);
  CHECK(unset.error().message.starts_with("config: kubelet.nats_url: not set"));
}

TEST_CASE("roles: the kubelet's simulation fields") {
  role_command_config cfg;
  auto err = apply_yaml(R"(kubelet:
  simulate: 500
  simulate_prefix: fake
  simulate_labels: team=a,tier=b
  simulate_taint: false
  simulate_pod_start_delay: 250ms
)",
                        "test.yaml", role_fields(cfg, role_kind::kubelet));
  REQUIRE_MESSAGE(!err.has_value(), (err ? err->message : ""));
  CHECK(cfg.simulate == 500);
  CHECK(cfg.simulate_prefix == "fake");
  CHECK(cfg.simulate_labels == std::map<std::string, std::string>{{"team", "a"}, {"tier", "b"}});
  CHECK(!cfg.simulate_taint);
  CHECK(cfg.simulate_pod_start_delay == 250ms);
  for (const char* bad :
       {"kubelet: {simulate_labels: novalue}", "kubelet: {simulate: 20000}",
        "kubelet: {simulate_labels: \"=x\"}", "kubelet: {simulate_prefix: \"\"}"}) {
    CAPTURE(bad);
    role_command_config c;
    CHECK(apply_yaml(bad, "test.yaml", role_fields(c, role_kind::kubelet)).has_value());
  }
}
