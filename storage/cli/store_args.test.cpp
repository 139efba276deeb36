#include <doctest/doctest.h>

#include "storage/cli/store_cli.hpp"

namespace kactor::store_cli {

namespace {

store_cli_options parse_ok(std::vector<std::string> args) {
  auto parsed = parse_store_args(args);
  REQUIRE_MESSAGE(parsed.options, parsed.message);
  return *parsed.options;
}

std::string parse_error(std::vector<std::string> args) {
  auto parsed = parse_store_args(args);
  REQUIRE_FALSE(parsed.options);
  CHECK(parsed.exit_code == 2);
  return parsed.message;
}

}  // namespace

TEST_CASE("each sub-command parses with its arguments and the global options anywhere") {
  auto get = parse_ok(
      {"--nats", "nats://127.0.0.1:4222", "get", "/registry/pods/default/web", "-o", "json"});
  CHECK(get.command == store_command::get);
  CHECK(get.key == "/registry/pods/default/web");
  CHECK(get.output == output_format::json);
  CHECK(get.nats_url == "nats://127.0.0.1:4222");
  CHECK(parse_ok({"get", "/registry/pods/a/b", "--data-dir", "/d"}).data_dir == "/d");
  CHECK(parse_ok({"get", "/registry/pods/a/b"}).output == output_format::yaml);
  CHECK(parse_ok({"get", "/registry/pods/a/b", "--rev", "7"}).revision == 7);

  CHECK(parse_ok({"ls"}).key == "/registry/");
  CHECK(parse_ok({"ls", "/registry/pods/"}).key == "/registry/pods/");
  auto put = parse_ok({"put", "/registry/pods/a/b", "-f", "pod.yaml"});
  CHECK(put.command == store_command::put);
  CHECK(put.file == "pod.yaml");
  CHECK(parse_ok({"del", "/registry/pods/a/b"}).command == store_command::del);
  auto watch = parse_ok({"watch", "/registry/pods", "--rev", "5", "--max-events", "3"});
  CHECK(watch.command == store_command::watch);
  CHECK(watch.revision == 5);
  CHECK(watch.max_events == 3);
  CHECK(watch.output == output_format::none);
  CHECK(parse_ok({"compact"}).revision == 0);
  CHECK(parse_ok({"compact", "42"}).revision == 42);
  CHECK(parse_ok({"status", "--timeout", "250ms"}).timeout == std::chrono::milliseconds(250));
  CHECK(parse_ok({"--timeout", "2", "status"}).timeout == std::chrono::milliseconds(2000));
  CHECK(parse_ok({"endpoint", "health"}).command == store_command::endpoint_health);
  CHECK(parse_ok({"history", "/registry/pods/a/b", "-o", "yaml"}).output == output_format::yaml);
  auto save = parse_ok({"snapshot", "save", "backup.snap", "--data-dir", "/var/lib/kactor"});
  CHECK(save.command == store_command::snapshot_save);
  CHECK(save.file == "backup.snap");
  auto restore = parse_ok({"snapshot", "restore", "backup.snap", "--data-dir", "/new"});
  CHECK(restore.command == store_command::snapshot_restore);
  CHECK(restore.data_dir == "/new");
}

TEST_CASE("usage errors name the problem; help is not an error") {
  CHECK(parse_error({}).find("subcommand") != std::string::npos);
  CHECK(parse_error({"get"}).find("KEY") != std::string::npos);
  CHECK(parse_error({"get", "/k", "-o", "xml"}).find("expected yaml, json or proto") !=
        std::string::npos);
  CHECK(parse_error({"watch", "/registry/", "-o", "proto"}).find("only for get") !=
        std::string::npos);
  CHECK(parse_error({"status", "--timeout", "soon"}).find("--timeout") != std::string::npos);
  CHECK(parse_error({"snapshot", "restore", "f"}).find("--data-dir") != std::string::npos);
  CHECK(parse_error({"snapshot", "save", "f"}).find("--data-dir") != std::string::npos);
  CHECK(parse_error({"frobnicate"}).find("subcommand is required") != std::string::npos);
  auto help = parse_store_args({"--help"});
  CHECK_FALSE(help.options);
  CHECK(help.exit_code == 0);
  CHECK(help.message.find("snapshot") != std::string::npos);
}

}  // namespace kactor::store_cli
