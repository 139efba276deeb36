#include "config/gateway_fields.hpp"

#include <doctest/doctest.h>

#include "config/testing/field_docs.hpp"
#include "config/yaml_source.hpp"

using namespace std::chrono_literals;
using namespace kactor::config;

TEST_CASE("gateway: every default shows as text its own field accepts back") {
  gateway_command_config cfg;
  testing::check_round_trip(gateway_fields(cfg), {});
}

TEST_CASE("gateway: field names and flags are unique") {
  gateway_command_config cfg;
  testing::check_unique(gateway_fields(cfg));
}

TEST_CASE("gateway: docs/config.md documents every field with its default") {
  gateway_command_config cfg;
  testing::check_documented(gateway_fields(cfg), {});
}

TEST_CASE("gateway: the documented defaults") {
  gateway_command_config cfg;
  CHECK(cfg.http.port == 6443);
  CHECK(cfg.http.bind_address == "127.0.0.1");
  CHECK(cfg.service_cidr == "10.96.0.0/12");
  CHECK(cfg.state_timeout == 5s);
  CHECK(cfg.fresh_deadline == 2s);
  CHECK(cfg.conflict_retries == 5);
  CHECK(cfg.nats_url.empty());
  CHECK(cfg.data_dir.empty());
  CHECK(cfg.log_file.empty());
}

TEST_CASE("gateway: a YAML section sets the listener, the bus and the API's settings") {
  gateway_command_config cfg;
  auto err = apply_yaml(R"(gateway:
  nats_url: nats://127.0.0.1:4222
  port: 8443
  bind_address: "::1"
  log: {level: debug, format: json, file: /var/log/kactor/gateway.log}
  http: {threads: 4, idle_timeout: 2m, max_body_bytes: 8Mi}
  service_cidr: 10.0.0.0/16
  state_timeout: 3s
  fresh_deadline: 0
  conflict_retries: 0
)",
                        "test.yaml", gateway_fields(cfg));
  REQUIRE_MESSAGE(!err.has_value(), (err ? err->message : ""));
  CHECK(cfg.nats_url == "nats://127.0.0.1:4222");
  CHECK(cfg.http.port == 8443);
  CHECK(cfg.http.bind_address == "::1");
  CHECK(cfg.log.level == log_level::debug);
  CHECK(cfg.log.format == log_format::json);
  CHECK(cfg.log_file == "/var/log/kactor/gateway.log");
  CHECK(cfg.http.threads == 4);
  CHECK(cfg.http.idle_timeout == 2min);
  CHECK(cfg.http.max_body_bytes == 8u << 20);
  CHECK(cfg.service_cidr == "10.0.0.0/16");
  CHECK(cfg.state_timeout == 3s);
  CHECK(cfg.fresh_deadline == 0ms);
  CHECK(cfg.conflict_retries == 0);

  auto bad =
      apply_yaml("gateway:\n  service_cidr: 10.96.0.1/12\n", "test.yaml", gateway_fields(cfg));
  REQUIRE(bad.has_value());
  CHECK(bad->message ==
        "config: gateway.service_cidr: expected an IPv4 network a.b.c.d/n with n 12-30 and the "
        "host bits zero, got \"10.96.0.1/12\" (line 2 of test.yaml)");
  auto unknown = apply_yaml("gateway:\n  history_window: 5m\n", "test.yaml", gateway_fields(cfg));
  REQUIRE(unknown.has_value());
  CHECK(unknown->message.starts_with("config: gateway.history_window: unknown key"));
}

TEST_CASE("gateway: the service range is an IPv4 network the allocator can use") {
  for (auto good : {"10.96.0.0/12", "10.0.0.0/30", "192.168.0.0/16", "172.16.0.0/12"}) {
    CAPTURE(good);
    auto r = parse_service_cidr(good);
    REQUIRE(r.has_value());
    CHECK(*r == good);
  }
  for (auto bad : {"", "10.96.0.0", "10.96.0.0/", "10.96.0.0/11", "10.96.0.0/31", "10.96.0.4/29",
                   "10.96.0/12", "10.96.0.0.0/12", "10.256.0.0/16", "010.96.0.0/12",
                   "10.96.0.0/012", "10.96.0.0/+12", "fd00::/108", "10.96.0.0/12 ", "a.b.c.d/12"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_service_cidr(bad).has_value());
  }
}
