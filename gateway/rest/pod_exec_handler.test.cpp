#include "gateway/rest/pod_exec_handler.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using namespace kactor;

TEST_CASE("choose_exec_protocol prefers v5, takes v4, refuses the rest") {
  CHECK(rest::choose_exec_protocol("v5.channel.k8s.io") == "v5.channel.k8s.io");
  CHECK(rest::choose_exec_protocol("v4.channel.k8s.io, v5.channel.k8s.io") == "v5.channel.k8s.io");
  CHECK(rest::choose_exec_protocol("v4.channel.k8s.io") == "v4.channel.k8s.io");
  CHECK(rest::choose_exec_protocol("channel.k8s.io").empty());
}

TEST_CASE("exec_status is what kubectl turns into its exit code") {
  auto ok = nlohmann::json::parse(rest::exec_status(0, "ls"));
  CHECK(ok["status"] == "Success");
  auto failed = nlohmann::json::parse(rest::exec_status(3, "sh -c exit 3"));
  CHECK(failed["status"] == "Failure");
  CHECK(failed["reason"] == "NonZeroExitCode");
  CHECK(failed["details"]["causes"][0]["reason"] == "ExitCode");
  CHECK(failed["details"]["causes"][0]["message"] == "3");
}
