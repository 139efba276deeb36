#include "cmd/kactor/logging.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <spdlog/spdlog.h>
#include <caf/message.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace kactor;

namespace {

struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
    char tmpl[] = "/tmp/kactor-log-test-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~temp_dir() { std::filesystem::remove_all(path); }
};

std::vector<std::string> lines(const std::filesystem::path& file) {
  std::ifstream in{file};
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("json_log_line escapes every character that would break the line") {
  auto line = cmd::json_log_line("t", "info", "up",
                                 "quote \" backslash \\ newline \n tab \t bell \x07 done");
  auto parsed = nlohmann::json::parse(line);
  CHECK(parsed["msg"] == "quote \" backslash \\ newline \n tab \t bell \x07 done");
  CHECK(parsed["logger"] == "up");
  CHECK(line.find('\n') == std::string::npos);
}

TEST_CASE("json format: the log file holds one parseable object per record") {
  temp_dir dir;
  auto file = dir.path / "kactor.log";
  auto setup = cmd::log_setup::open({config::log_format::json, config::log_level::debug}, file);
  REQUIRE(setup);
  auto log = setup->logger("up");
  log->info("hello {}", "world");
  log->debug("multi\nline");
  log->trace("below the level: dropped");
  auto got = lines(file);
  REQUIRE(got.size() == 2);
  auto first = nlohmann::json::parse(got[0]);
  CHECK(first["msg"] == "hello world");
  CHECK(first["level"] == "info");
  CHECK(first["logger"] == "up");
  auto time = first["time"].get<std::string>();
  CHECK(time.size() == std::string{"2026-11-23T17:12:01.123456Z"}.size());
  CHECK(time.back() == 'Z');
  CHECK(nlohmann::json::parse(got[1])["msg"] == "multi\nline");
}

TEST_CASE("text format: timestamp, level, logger name, message") {
  temp_dir dir;
  auto file = dir.path / "kactor.log";
  auto setup = cmd::log_setup::open({config::log_format::text, config::log_level::info}, file);
  REQUIRE(setup);
  setup->logger("nats-server")->warn("restarted");
  auto got = lines(file);
  REQUIRE(got.size() == 1);
  CHECK(got[0].ends_with("Z warning [nats-server] restarted"));
}

TEST_CASE("a log file that cannot be opened is an error naming it") {
  temp_dir dir;
  std::ofstream{dir.path / "file"} << "not a directory";
  auto bad = dir.path / "file" / "kactor.log";
  auto setup = cmd::log_setup::open({}, bad);
  REQUIRE_FALSE(setup);
  CHECK(setup.error().context().get_as<std::string>(0).starts_with("log: open " + bad.string() +
                                                                   ": "));
}
