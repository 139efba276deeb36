#include "config/yaml_source.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "config/up_fields.hpp"

using namespace std::chrono_literals;
using namespace kactor::config;

namespace {

std::optional<config_error> load(up_config& cfg, const std::string& text) {
  return apply_yaml(text, "test.yaml", up_fields(cfg));
}

}  // namespace

TEST_CASE("a YAML file sets nested fields through the field table") {
  up_config cfg;
  auto err = load(cfg, R"(up:
  data_dir: /var/lib/kactor
  port: 7443
  log: {format: json, level: debug}
  http:
    max_body_bytes: 4Mi
    idle_timeout: 2m
  nats_server:
    jetstream: true
    restart:
      backoff_max: 30s
)");
  REQUIRE_FALSE(err.has_value());
  CHECK(cfg.data_dir == "/var/lib/kactor");
  CHECK(cfg.http.port == 7443);
  CHECK(cfg.log.format == log_format::json);
  CHECK(cfg.log.level == log_level::debug);
  CHECK(cfg.http.max_body_bytes == 4u * 1024 * 1024);
  CHECK(cfg.http.idle_timeout == 2min);
  CHECK(cfg.nats_server.jetstream);
  CHECK(cfg.nats_server.restart.backoff_max == 30s);
  CHECK(cfg.nats_server.restart.backoff_min == 100ms);  // untouched default
}

TEST_CASE("a bad value names the field, the text and the line") {
  up_config cfg;
  auto err = load(cfg, "up:\n  data_dir: /x\n  port: abc\n");
  REQUIRE(err.has_value());
  CHECK(err->message ==
        R"(config: up.port: expected an integer 0-65535, got "abc" (line 3 of test.yaml))");
}

TEST_CASE("unknown keys, misplaced mappings and broken YAML are errors naming the key") {
  up_config cfg;
  auto unknown = load(cfg, "up:\n  prot: 1\n");
  REQUIRE(unknown.has_value());
  CHECK(unknown->message.starts_with(
      "config: up.prot: unknown key; known keys here: data_dir, nats_url"));
  CHECK(unknown->message.ends_with("(line 2 of test.yaml)"));

  auto section = load(cfg, "gateway:\n  port: 1\n");
  REQUIRE(section.has_value());
  CHECK(section->message.starts_with("config: gateway: unknown key"));

  auto mapping = load(cfg, "up:\n  port: {a: 1}\n");
  REQUIRE(mapping.has_value());
  CHECK(mapping->message ==
        "config: up.port: expected a single value, got a mapping (line 2 of test.yaml)");

  auto list_section = load(cfg, "up:\n  http: [1, 2]\n");
  REQUIRE(list_section.has_value());
  CHECK(list_section->message.starts_with(
      "config: up.http: expected a mapping of settings, got a list"));

  auto broken = load(cfg, "up:\n  port: [1\n");
  REQUIRE(broken.has_value());
  CHECK(broken->message.starts_with("config: test.yaml: invalid YAML at line"));

  auto scalar_root = load(cfg, "just text\n");
  REQUIRE(scalar_root.has_value());
  CHECK(scalar_root->message.starts_with("config: expected a mapping of sections"));
}

TEST_CASE("an empty document or empty section changes nothing") {
  up_config cfg;
  CHECK_FALSE(load(cfg, "").has_value());
  CHECK_FALSE(load(cfg, "up:\n").has_value());
  CHECK(cfg.http.port == 6443);
}

TEST_CASE("apply_yaml_file reads the file and reports one that is missing") {
  auto dir =
      std::filesystem::temp_directory_path() / ("kactor-config-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto file = dir / "kactor.yaml";
  std::ofstream{file} << "up:\n  port: 8080\n";
  up_config cfg;
  CHECK_FALSE(apply_yaml_file(file, up_fields(cfg)).has_value());
  CHECK(cfg.http.port == 8080);
  auto missing = apply_yaml_file(dir / "nope.yaml", up_fields(cfg));
  REQUIRE(missing.has_value());
  CHECK(missing->message.find("cannot read " + (dir / "nope.yaml").string()) != std::string::npos);
  std::filesystem::remove_all(dir);
}
