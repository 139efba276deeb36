#include "config/state_command_config.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace kactor::config;

namespace {

struct temp_dir {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("kactor-state-config-test-" + std::to_string(::getpid()));
  temp_dir() { std::filesystem::create_directories(path); }
  ~temp_dir() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("kactor state: the data dir is required and made absolute") {
  auto missing = finalize(state_command_config{});
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().message.starts_with("config: state.data_dir: required"));
  state_command_config cfg;
  cfg.data_dir = "rel/../dir";
  cfg.nats_url = "nats://127.0.0.1:4222";
  auto done = finalize(cfg);
  REQUIRE(done.has_value());
  CHECK(done->data_dir.is_absolute());
  CHECK(done->data_dir.filename() == "dir");
  CHECK(done->nats_url == "nats://127.0.0.1:4222");
}

TEST_CASE("kactor state: without --nats the URL comes from <data_dir>/nats-url") {
  temp_dir dir;
  state_command_config cfg;
  cfg.data_dir = dir.path;
  auto missing = finalize(cfg);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().message ==
        "config: state.nats_url: not set: pass --nats URL, set state.nats_url, or write the URL "
        "to " +
            (dir.path / "nats-url").string());
  std::ofstream{dir.path / "nats-url"} << "nats://127.0.0.1:41234\n";
  auto found = finalize(cfg);
  REQUIRE_MESSAGE(found.has_value(), (found ? "" : found.error().message));
  CHECK(found->nats_url == "nats://127.0.0.1:41234");
  std::ofstream{dir.path / "nats-url"} << "http://x\n";
  auto bad = finalize(cfg);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().message.starts_with("config: state.nats_url: expected a URL"));
  CHECK(bad.error().message.ends_with("(file " + (dir.path / "nats-url").string() + ")"));
}

TEST_CASE("kactor state: the role's section is checked too") {
  state_command_config cfg;
  cfg.data_dir = "/tmp/x";
  cfg.nats_url = "nats://127.0.0.1:4222";
  cfg.state.drain_timeout = std::chrono::milliseconds{0};
  auto r = finalize(cfg);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message == "config: state.drain_timeout: must be greater than 0");
}
