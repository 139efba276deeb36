#include "config/state_fields.hpp"

#include <doctest/doctest.h>

#include "config/testing/field_docs.hpp"
#include "config/yaml_source.hpp"

using namespace std::chrono_literals;
using namespace kactor::config;

TEST_CASE("state: every default shows as text its own field accepts back") {
  state_command_config cfg;
  testing::check_round_trip(state_command_fields(cfg), {"state.data_dir"});
}

TEST_CASE("state: field names and flags are unique") {
  state_command_config cfg;
  testing::check_unique(state_command_fields(cfg));
}

TEST_CASE("state: docs/config.md documents every field with its default") {
  state_command_config cfg;
  testing::check_documented(state_command_fields(cfg), {"state.data_dir"});
}

TEST_CASE("state: the documented defaults are the role's (5 min history, 2 readers)") {
  state_config cfg;
  CHECK(cfg.history_window == 5min);
  CHECK(cfg.readers == 2);
  CHECK(cfg.bookmark_interval == 1s);
  CHECK_FALSE(check(cfg).has_value());
}

TEST_CASE("state: a YAML section sets the role's and the process's fields") {
  state_command_config cfg;
  auto err = apply_yaml(R"(state:
  data_dir: /var/lib/kactor
  nats_url: nats://127.0.0.1:4222
  history_window: 10m
  readers: 4
  max_map_bytes: 1Gi
  log: {level: debug}
)",
                        "test.yaml", state_command_fields(cfg));
  REQUIRE_FALSE(err.has_value());
  CHECK(cfg.data_dir == "/var/lib/kactor");
  CHECK(cfg.nats_url == "nats://127.0.0.1:4222");
  CHECK(cfg.state.history_window == 10min);
  CHECK(cfg.state.readers == 4);
  CHECK(cfg.state.max_map_bytes == 1ull << 30);
  CHECK(cfg.log.level == log_level::debug);
  auto bad = apply_yaml("state:\n  readers: 0\n", "test.yaml", state_command_fields(cfg));
  REQUIRE(bad.has_value());
  CHECK(bad->message ==
        R"(config: state.readers: expected an integer 1-64, got "0" (line 2 of test.yaml))");
}

TEST_CASE("state: check() refuses what single fields cannot") {
  state_config cfg;
  cfg.bookmark_interval = 0ms;
  REQUIRE(check(cfg).has_value());
  CHECK(check(cfg)->message == "config: state.bookmark_interval: must be greater than 0");
  cfg = {};
  cfg.initial_map_bytes = 2ull << 30;
  cfg.max_map_bytes = 1ull << 30;
  REQUIRE(check(cfg).has_value());
  CHECK(check(cfg)->message.starts_with("config: state.initial_map_bytes: must be in 1..1Gi"));
}
