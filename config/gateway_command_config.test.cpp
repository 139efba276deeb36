#include "config/gateway_command_config.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "config/command_line.hpp"

using namespace std::chrono_literals;
using namespace kactor::config;

namespace {

struct temp_dir {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("kactor-gateway-config-test-" + std::to_string(::getpid()));
  temp_dir() { std::filesystem::create_directories(path); }
  ~temp_dir() { std::filesystem::remove_all(path); }
};

result<invocation> parse(std::vector<const char*> args) {
  args.insert(args.begin(), "kactor");
  // An empty PATH: `kactor gateway` never looks for programs.
  return parse_command_line(static_cast<int>(args.size()), args.data(), "0.1.0-test",
                            environment{""});
}

}  // namespace

TEST_CASE("kactor gateway: without --nats or --data-dir there is no bus to use") {
  auto r = finalize(gateway_command_config{});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message ==
        "config: gateway.nats_url: not set: pass --nats URL, or --data-dir DIR of a running "
        "`kactor up` (its DIR/nats-url names the bus), or set gateway.nats_url in the config "
        "file");
}

TEST_CASE("kactor gateway: --nats wins; the data dir and log file are made absolute") {
  gateway_command_config cfg;
  cfg.nats_url = "nats://127.0.0.1:4222";
  cfg.data_dir = "rel/../dir";  // not read: the URL is given
  cfg.log_file = "logs/gw.log";
  auto done = finalize(cfg);
  REQUIRE_MESSAGE(done.has_value(), (done ? "" : done.error().message));
  CHECK(done->nats_url == "nats://127.0.0.1:4222");
  CHECK(done->data_dir.is_absolute());
  CHECK(done->data_dir.filename() == "dir");
  CHECK(done->log_file.is_absolute());
  CHECK(done->log_file.filename() == "gw.log");
}

TEST_CASE("kactor gateway: without --nats the URL comes from <data_dir>/nats-url") {
  temp_dir dir;
  gateway_command_config cfg;
  cfg.data_dir = dir.path;
  auto missing = finalize(cfg);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().message ==
        "config: gateway.nats_url: not set: pass --nats URL, or --data-dir DIR of a running "
        "`kactor up` (no URL in " +
            (dir.path / "nats-url").string() + ")");
  std::ofstream{dir.path / "nats-url"} << "nats://127.0.0.1:41234\n";
  auto found = finalize(cfg);
  REQUIRE_MESSAGE(found.has_value(), (found ? "" : found.error().message));
  CHECK(found->nats_url == "nats://127.0.0.1:41234");
  CHECK_FALSE(std::filesystem::exists(dir.path / "kactor.lock"));  // nothing written there
  std::ofstream{dir.path / "nats-url"} << "http://x\n";
  auto bad = finalize(cfg);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().message.starts_with("config: gateway.nats_url: expected a URL"));
  CHECK(bad.error().message.ends_with("(file " + (dir.path / "nats-url").string() + ")"));
}

TEST_CASE("kactor gateway: durations that must be positive") {
  gateway_command_config base;
  base.nats_url = "nats://127.0.0.1:4222";
  auto cfg = base;
  cfg.shutdown_grace = 0ms;
  CHECK(finalize(cfg).error().message == "config: gateway.shutdown_grace: must be greater than 0");
  cfg = base;
  cfg.state_timeout = 0ms;
  CHECK(finalize(cfg).error().message == "config: gateway.state_timeout: must be greater than 0");
  cfg = base;
  cfg.http.read_timeout = 0ms;
  CHECK(finalize(cfg).error().message ==
        "config: gateway.http.read_timeout: must be greater than 0");
  cfg = base;
  cfg.http.max_header_bytes = 0;
  CHECK(finalize(cfg).error().message ==
        "config: gateway.http.max_header_bytes: must be greater than 0");
  cfg = base;
  cfg.fresh_deadline = 0ms;  // allowed: reads go to the state role at once
  CHECK(finalize(cfg).has_value());
}

TEST_CASE("kactor gateway: the command line, the config file and the URL from the data dir") {
  temp_dir dir;
  auto inv = parse({"gateway", "--nats", "nats://127.0.0.1:4222", "--port", "0", "--bind-address",
                    "::1", "--log-level", "debug", "--service-cluster-ip-range", "10.0.0.0/24"});
  REQUIRE_MESSAGE(inv.has_value(), (inv ? "" : inv.error().message));
  CHECK(inv->which == command::gateway);
  CHECK(info(command::gateway).available);
  CHECK(inv->gateway.nats_url == "nats://127.0.0.1:4222");
  CHECK(inv->gateway.http.port == 0);
  CHECK(inv->gateway.http.bind_address == "::1");
  CHECK(inv->gateway.log.level == log_level::debug);
  CHECK(inv->gateway.service_cidr == "10.0.0.0/24");

  std::ofstream{dir.path / "nats-url"} << "nats://127.0.0.1:40000\n";
  auto file = dir.path / "gateway.yaml";
  std::ofstream{file} << "gateway:\n  port: 7000\n  http:\n    threads: 2\n";
  auto from_dir = parse(
      {"gateway", "--data-dir", dir.path.c_str(), "--config", file.c_str(), "--port", "7001"});
  REQUIRE_MESSAGE(from_dir.has_value(), (from_dir ? "" : from_dir.error().message));
  CHECK(from_dir->gateway.nats_url == "nats://127.0.0.1:40000");
  CHECK(from_dir->gateway.http.port == 7001);  // the flag overrides the file
  CHECK(from_dir->gateway.http.threads == 2);

  auto none = parse({"gateway"});
  REQUIRE_FALSE(none.has_value());
  CHECK(none.error().message.starts_with("config: gateway.nats_url: not set"));
  auto bad = parse({"gateway", "--nats", "nats://127.0.0.1:4222", "--port", "x"});
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().message ==
        R"(config: gateway.port: expected an integer 0-65535, got "x" (flag --port))");
  std::ofstream{file} << "state:\n  history_window: 1m\n";
  auto wrong_section =
      parse({"gateway", "--nats", "nats://127.0.0.1:4222", "--config", file.c_str()});
  REQUIRE_FALSE(wrong_section.has_value());
  CHECK(wrong_section.error().message.starts_with("config: state: unknown key"));
  auto unknown_flag = parse({"gateway", "--history-window", "1m"});
  REQUIRE_FALSE(unknown_flag.has_value());
  CHECK(unknown_flag.error().message.find("--history-window") != std::string::npos);
}

TEST_CASE("kactor gateway --help lists its flags") {
  auto help = parse({"gateway", "--help"});
  REQUIRE(help.has_value());
  REQUIRE(help->print.has_value());
  for (auto flag : {"--nats", "--data-dir", "--port", "--bind-address", "--config", "--log-level",
                    "--log-format", "--log-file", "--service-cluster-ip-range"}) {
    CAPTURE(flag);
    CHECK(help->print->find(flag) != std::string::npos);
  }
}
