#include "node/podio/pod_io_server.hpp"

#include <doctest/doctest.h>

#include <caf/send.hpp>

#include "actors/bus/subjects.hpp"
#include "kactor/node.pb.h"
#include "node/runtime/container_config.hpp"
#include "node/runtime/testing/fixture.hpp"
#include "tests/support/bus_fixture.hpp"

using namespace kactor;
using namespace std::chrono_literals;
namespace rt = kactor::node::runtime;

namespace {

struct pod_env {
  rt::testing::fixture files;  // temp dir and runtime factory
  std::shared_ptr<rt::process_runtime> runtime;
  rt::sandbox_id sandbox;
  std::filesystem::path log_root;

  pod_env() {
    runtime = files.open();
    log_root = files.dir / "pods";
    rt::pod_sandbox_config pod;
    pod.name = "web";
    pod.namespace_ = "default";
    pod.uid = "uid-1";
    pod.log_directory = log_root / "default_web_uid-1";
    sandbox = *runtime->run_pod_sandbox(pod);
  }
  ~pod_env() { (void)runtime->remove_pod_sandbox(sandbox); }

  rt::container_id run(const std::string& container, std::uint32_t attempt,
                       std::vector<std::string> command) {
    auto c = rt::testing::fixture::config(container, std::move(command));
    c.attempt = attempt;
    c.log_path = container + "/" + std::to_string(attempt) + ".log";
    c.labels[rt::label_pod_namespace] = "default";
    c.labels[rt::label_pod_name] = "web";
    c.labels[rt::label_container_name] = container;
    auto id = runtime->create_container(sandbox, c);
    REQUIRE(id);
    REQUIRE(runtime->start_container(*id));
    return *id;
  }
};

template <class Reply, class Request>
Reply ask(testing::bus_fixture& bus, const std::shared_ptr<bus::connection>& conn,
          const std::string& verb, const Request& req) {
  auto raw =
      conn->request_blocking(bus::subjects::node_rpc("node-1", verb), req.SerializeAsString(), 15s);
  REQUIRE_MESSAGE(raw, bus::describe(raw.error()));
  Reply reply;
  REQUIRE(reply.ParseFromString(*raw));
  return reply;
}

bus::v1::PodLogRequest log_request(const std::string& container) {
  bus::v1::PodLogRequest req;
  req.set_namespace_("default");
  req.set_pod("web");
  req.set_container(container);
  return req;
}

}  // namespace

TEST_CASE("pod io server: logs (tail, previous, follow to the end) and exec over the bus") {
  testing::bus_fixture bus;
  pod_env env;
  auto conn = bus.open();
  auto server = node::podio::spawn_pod_io_server(bus.sys, {"node-1", env.log_root}, conn,
                                                 env.runtime, nullptr);
  REQUIRE(server);
  bus.spawned.push_back(*server);

  // An earlier, finished instance and the current one (sleeps order the two streams, which
  // the runtime reads from separate pipes).
  auto old = env.run("app", 0, {"sh", "-c", "echo first life"});
  REQUIRE(env.runtime->wait_container(old, 30s));
  auto current = env.run(
      "app", 1,
      {"sh", "-c", "echo one; sleep 0.3; echo two >&2; sleep 0.3; echo three; sleep 1; echo four"});

  REQUIRE(
      rt::testing::wait_for_text((env.log_root / "default_web_uid-1/app/1.log").string(), "three"));
  auto all = ask<bus::v1::PodLogReply>(bus, conn, "logs", log_request("app"));
  CHECK(all.code() == 200);
  CHECK(all.data() == "one\ntwo\nthree\n");
  auto tail = log_request("app");
  tail.set_tail_lines(1);
  CHECK(ask<bus::v1::PodLogReply>(bus, conn, "logs", tail).data() == "three\n");
  auto previous = log_request("app");
  previous.set_previous(true);
  CHECK(ask<bus::v1::PodLogReply>(bus, conn, "logs", previous).data() == "first life\n");
  auto missing = log_request("nope");
  CHECK(ask<bus::v1::PodLogReply>(bus, conn, "logs", missing).code() == 404);

  // Follow: the first reply has what is there, later ones what comes, then the end.
  auto follow = log_request("app");
  follow.set_follow(true);
  follow.set_wait_ms(2000);
  std::string text;
  bool ended = false;
  for (int i = 0; i < 20 && !ended; ++i) {
    auto r = ask<bus::v1::PodLogReply>(bus, conn, "logs", follow);
    REQUIRE(r.code() == 200);
    text += r.data();
    ended = r.end();
    follow.set_cursor_path(r.cursor_path());
    follow.set_cursor_offset(r.cursor_offset());
  }
  CHECK(ended);
  CHECK(text == "one\ntwo\nthree\nfour\n");

  auto sleeper = env.run("shell", 0, {"sleep", "30"});
  bus::v1::ExecRequest exec;
  exec.set_namespace_("default");
  exec.set_pod("web");
  exec.set_container("shell");
  exec.add_command("sh");
  exec.add_command("-c");
  exec.add_command("cat; echo err >&2; exit 3");
  exec.set_stdin("from stdin\n");
  auto ran = ask<bus::v1::ExecReply>(bus, conn, "exec", exec);
  CHECK(ran.code() == 200);
  CHECK(ran.stdout() == "from stdin\n");
  CHECK(ran.stderr() == "err\n");
  CHECK(ran.exit_code() == 3);
  exec.set_container("app");  // exited: cannot exec
  CHECK(ask<bus::v1::ExecReply>(bus, conn, "exec", exec).code() == 404);
  (void)env.runtime->stop_container(sleeper, 0ms);
}
