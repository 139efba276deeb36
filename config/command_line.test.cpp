#include "config/command_line.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <vector>

using namespace std::chrono_literals;
using namespace kactor::config;

namespace {

// A directory holding a fake executable `nats-server`, so finalize() never depends on the host.
struct fake_path {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("kactor-cli-test-" + std::to_string(::getpid()));
  fake_path() {
    std::filesystem::create_directories(dir);
    std::ofstream{dir / "nats-server"} << "#!/bin/sh\n";
    std::filesystem::permissions(dir / "nats-server", std::filesystem::perms::owner_all);
  }
  ~fake_path() { std::filesystem::remove_all(dir); }
  environment env() const { return environment{dir.string()}; }
};

result<invocation> parse(const fake_path& fp, std::vector<const char*> args) {
  args.insert(args.begin(), "kactor");
  return parse_command_line(static_cast<int>(args.size()), args.data(), "0.1.0-test", fp.env());
}

}  // namespace

TEST_CASE("up with flags: finalized config with the nats-server found in PATH") {
  fake_path fp;
  auto inv = parse(fp, {"up", "--data-dir", "rel/dir", "--port", "0", "--log-format", "json"});
  REQUIRE_MESSAGE(inv.has_value(), (inv ? "" : inv.error().message));
  CHECK(inv->which == command::up);
  CHECK_FALSE(inv->print.has_value());
  CHECK(inv->up.data_dir.is_absolute());
  CHECK(inv->up.data_dir.filename() == "dir");
  CHECK(inv->up.http.port == 0);
  CHECK(inv->up.log.format == log_format::json);
  CHECK(inv->up.nats_server.path == (fp.dir / "nats-server").string());
}

TEST_CASE("flags override the config file, which overrides defaults") {
  fake_path fp;
  auto file = fp.dir / "kactor.yaml";
  std::ofstream{file} << "up:\n  data_dir: /tmp/a\n  port: 7000\n  shutdown_grace: 3s\n";
  auto inv = parse(fp, {"up", "--config", file.c_str(), "--port", "7001"});
  REQUIRE(inv.has_value());
  CHECK(inv->up.data_dir == "/tmp/a");
  CHECK(inv->up.http.port == 7001);
  CHECK(inv->up.shutdown_grace == 3s);
}

TEST_CASE("a bad flag value names the field and the flag") {
  fake_path fp;
  auto inv = parse(fp, {"up", "--data-dir", "/tmp/a", "--port", "abc"});
  REQUIRE_FALSE(inv.has_value());
  CHECK(inv.error().message ==
        R"(config: up.port: expected an integer 0-65535, got "abc" (flag --port))");
  auto level = parse(fp, {"up", "--data-dir", "/tmp/a", "--log-level", "loud"});
  REQUIRE_FALSE(level.has_value());
  CHECK(level.error().message.starts_with("config: up.log.level: expected one of trace"));
}

TEST_CASE("usage errors: unknown flag, no sub-command, missing data dir, bad file") {
  fake_path fp;
  auto unknown = parse(fp, {"up", "--data-dir", "/tmp/a", "--bogus"});
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().message.find("--bogus") != std::string::npos);
  auto none = parse(fp, {});
  REQUIRE_FALSE(none.has_value());
  CHECK(none.error().message.starts_with("kactor: "));
  auto no_dir = parse(fp, {"up"});
  REQUIRE_FALSE(no_dir.has_value());
  CHECK(no_dir.error().message.starts_with("config: up.data_dir: required"));
  auto file = fp.dir / "bad.yaml";
  std::ofstream{file}
      << "up:\n  data_dir: /tmp/a\n  nats_server:\n    restart:\n      backoff_min: 10s\n";
  auto inverted = parse(fp, {"up", "--config", file.c_str()});
  REQUIRE_FALSE(inverted.has_value());
  CHECK(inverted.error().message.starts_with(
      "config: up.nats_server.restart.backoff_max: must not be less"));
}

TEST_CASE("an external bus URL needs no nats-server") {
  fake_path fp;
  auto inv = parse_command_line(5,
                                std::vector<const char*>{"kactor", "up", "--data-dir=/tmp/a",
                                                         "--nats", "nats://127.0.0.1:4222"}
                                    .data(),
                                "v", environment{"/nonexistent"});
  REQUIRE(inv.has_value());
  CHECK(inv->up.nats_url == "nats://127.0.0.1:4222");
  CHECK(inv->up.nats_server.path.empty());
}

TEST_CASE("--help lists every role with its summary; version prints the version") {
  fake_path fp;
  auto help = parse(fp, {"--help"});
  REQUIRE(help.has_value());
  REQUIRE(help->print.has_value());
  for (auto& c : commands()) {
    CAPTURE(c.name);
    CHECK(help->print->find(std::string{c.name}) != std::string::npos);
    CHECK(help->print->find(std::string{c.summary}) != std::string::npos);
  }
  auto up_help = parse(fp, {"up", "--help"});
  REQUIRE(up_help.has_value());
  CHECK(up_help->print->find("--data-dir") != std::string::npos);
  auto version = parse(fp, {"version"});
  REQUIRE(version.has_value());
  CHECK(*version->print == "kactor 0.1.0-test\n");
}

TEST_CASE("state: flags, the config file and the URL from the data dir") {
  fake_path fp;
  auto inv = parse(fp, {"state", "--data-dir", "rel/state", "--nats", "nats://127.0.0.1:4222",
                        "--history-window", "10m", "--log-level", "debug"});
  REQUIRE_MESSAGE(inv.has_value(), (inv ? "" : inv.error().message));
  CHECK(inv->which == command::state);
  CHECK(info(command::state).available);
  CHECK(inv->state.data_dir.is_absolute());
  CHECK(inv->state.nats_url == "nats://127.0.0.1:4222");
  CHECK(inv->state.state.history_window == 10min);
  CHECK(inv->state.log.level == log_level::debug);

  auto data = fp.dir / "data";
  std::filesystem::create_directories(data);
  std::ofstream{data / "nats-url"} << "nats://127.0.0.1:40000\n";
  auto file = fp.dir / "state.yaml";
  std::ofstream{file} << "state:\n  readers: 3\n  history_window: 1m\n";
  auto from_dir = parse(fp, {"state", "--data-dir", data.c_str(), "--config", file.c_str(),
                             "--history-window", "2m"});
  REQUIRE_MESSAGE(from_dir.has_value(), (from_dir ? "" : from_dir.error().message));
  CHECK(from_dir->state.nats_url == "nats://127.0.0.1:40000");
  CHECK(from_dir->state.state.readers == 3);
  CHECK(from_dir->state.state.history_window == 2min);

  auto bad = parse(fp, {"state", "--data-dir", "/tmp/a", "--nats", "x"});
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().message.starts_with("config: state.nats_url: expected a URL"));
  auto up_key = fp.dir / "up-key.yaml";
  std::ofstream{up_key} << "up:\n  port: 1\n";
  auto wrong_section = parse(fp, {"state", "--data-dir", "/tmp/a", "--config", up_key.c_str()});
  REQUIRE_FALSE(wrong_section.has_value());
  CHECK(wrong_section.error().message.starts_with("config: up: unknown key"));
}

TEST_CASE("up takes the state section too, but not kactor state's process keys") {
  fake_path fp;
  auto file = fp.dir / "kactor.yaml";
  std::ofstream{file} << "up:\n  data_dir: /tmp/a\nstate:\n  history_window: 7m\n";
  auto inv = parse(fp, {"up", "--config", file.c_str(), "--history-window", "8m"});
  REQUIRE_MESSAGE(inv.has_value(), (inv ? "" : inv.error().message));
  CHECK(inv->up.state.history_window == 8min);
  std::ofstream{file} << "up:\n  data_dir: /tmp/a\nstate:\n  data_dir: /tmp/b\n";
  auto refused = parse(fp, {"up", "--config", file.c_str()});
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().message.starts_with("config: state.data_dir: unknown key"));
}

TEST_CASE("store: every argument after `store` is passed on as it is, --help included") {
  fake_path fp;
  auto inv = parse(fp, {"store", "--nats", "nats://127.0.0.1:4222", "get", "/registry/pods/a/b",
                        "-o", "json", "--rev", "3"});
  REQUIRE_MESSAGE(inv.has_value(), (inv ? "" : inv.error().message));
  CHECK(inv->which == command::store);
  CHECK(info(command::store).available);
  CHECK(inv->store_args == std::vector<std::string>{"--nats", "nats://127.0.0.1:4222", "get",
                                                    "/registry/pods/a/b", "-o", "json", "--rev",
                                                    "3"});
  auto help = parse(fp, {"store", "--help"});
  REQUIRE(help.has_value());
  CHECK_FALSE(help->print.has_value());
  CHECK(help->store_args == std::vector<std::string>{"--help"});
  auto bare = parse(fp, {"store"});
  REQUIRE(bare.has_value());
  CHECK(bare->store_args.empty());
}

TEST_CASE("roles of later issues parse, with any arguments, as themselves") {
  fake_path fp;
  auto inv = parse(fp, {"proxy", "--whatever", "x"});
  REQUIRE(inv.has_value());
  CHECK(inv->which == command::proxy);
  CHECK_FALSE(info(inv->which).available);
  CHECK(info(command::up).available);
}

TEST_CASE("control-loop roles take their flags, unknown flags are refused") {
  fake_path fp;
  auto inv = parse(fp, {"controller-manager", "--nats", "nats://127.0.0.1:4222",
                        "--leader-elect=false", "--node-monitor-grace-period", "8s"});
  REQUIRE_MESSAGE(inv.has_value(), (inv ? "" : inv.error().message));
  CHECK(inv->which == command::controller_manager);
  CHECK(!inv->role.leader_elect);
  CHECK(inv->role.node_monitor_grace_period == std::chrono::seconds(8));
  auto kubelet = parse(fp, {"kubelet", "--nats", "nats://127.0.0.1:4222", "--hostname-override",
                            "n2", "--pod-manifest-path", "/etc/kactor/manifests"});
  REQUIRE(kubelet.has_value());
  CHECK(kubelet->role.node_name == "n2");
  CHECK(kubelet->role.pod_manifest_path == "/etc/kactor/manifests");
  CHECK(!parse(fp, {"scheduler", "--nats", "nats://127.0.0.1:4222", "--whatever"}).has_value());
}
