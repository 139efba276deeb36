#include "node/runtime/process_runtime.hpp"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>

#include <future>
#include <regex>

#include "messages/time.hpp"
#include "node/runtime/testing/fixture.hpp"

using namespace kactor::node::runtime;
using kactor::node::runtime::testing::fixture;
using kactor::node::runtime::testing::read_file;
using kactor::node::runtime::testing::wait_for_text;
using namespace std::chrono_literals;

TEST_CASE("a container that exits 3 is exited with reason Error and a CRI log line") {
  fixture f;
  std::promise<container_id> exited;
  f.rt->on_container_exit([&](const container_id& id) { exited.set_value(id); });
  auto id = f.run(fixture::config("app", {"/bin/sh", "-c", "echo hi; echo oops >&2; exit 3"}));
  auto s = f.wait(id);
  CHECK(s.state == container_state::exited);
  CHECK(s.exit_code == 3);
  CHECK(s.reason == "Error");
  CHECK(s.pid == 0);
  CHECK(s.started_at > 0);
  CHECK(s.finished_at >= s.started_at);
  auto notified = exited.get_future();
  REQUIRE(notified.wait_for(20s) == std::future_status::ready);
  CHECK(notified.get() == id);
  CHECK(s.log_path == f.dir / "logs/app/0.log");
  std::string log = read_file(s.log_path);
  std::smatch m;
  REQUIRE(std::regex_search(log, m, std::regex{R"(^(\S+) stdout F hi\n)"}));
  CHECK(kactor::messages::parse_rfc3339(m[1].str()).has_value());
  CHECK(std::regex_search(log, std::regex{R"(\n?\S+ stderr F oops\n)"}));
}

TEST_CASE("a container that exits 0 is Completed") {
  fixture f;
  auto s = f.wait(f.run(fixture::config("ok", {"true"})));
  CHECK(s.exit_code == 0);
  CHECK(s.reason == "Completed");
}

TEST_CASE("stop sends SIGTERM first and a process that honours it exits with 143") {
  fixture f;
  auto id = f.run(fixture::config("sleeper", {"sleep", "1000"}));
  auto running = f.rt->inspect_container(id);
  REQUIRE(running);
  CHECK(running->state == container_state::running);
  CHECK(running->pid > 0);
  REQUIRE(f.rt->stop_container(id, 20s));
  auto s = f.rt->inspect_container(id);
  CHECK(s->state == container_state::exited);
  CHECK(s->exit_code == 128 + SIGTERM);
  CHECK(s->reason == "Error");
  CHECK(testing::process_dead(running->pid));
}

TEST_CASE("a process ignoring SIGTERM is SIGKILLed after the grace period") {
  fixture f;
  auto id = f.run(fixture::config(
      "stubborn", {"/bin/sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.05; done"}));
  REQUIRE(wait_for_text(f.dir / "logs/stubborn/0.log", "ready"));
  REQUIRE(f.rt->stop_container(id, 1s));
  auto s = f.rt->inspect_container(id);
  CHECK(s->exit_code == 128 + SIGKILL);
  CHECK(s->reason == "Error");
}

TEST_CASE("the whole process group dies with the container") {
  fixture f;
  SUBCASE("when it is stopped") {
    auto id = f.run(fixture::config(
        "parent", {"/bin/sh", "-c", "sleep 1000 & echo child $!; echo ready; wait"}));
    auto log = f.dir / "logs/parent/0.log";
    REQUIRE(wait_for_text(log, "ready"));
    std::smatch m;
    std::string text = read_file(log);
    REQUIRE(std::regex_search(text, m, std::regex{R"(child (\d+))"}));
    int child = std::stoi(m[1].str());
    CHECK_FALSE(testing::process_dead(child));
    REQUIRE(f.rt->stop_container(id, 20s));
    CHECK(testing::process_dead(child));
  }
  SUBCASE("when its main process exits on its own") {
    auto id = f.run(fixture::config("leaver", {"/bin/sh", "-c", "sleep 1000 & echo child $!"}));
    auto s = f.wait(id);
    CHECK(s.exit_code == 0);
    std::smatch m;
    std::string text = read_file(s.log_path);
    REQUIRE(std::regex_search(text, m, std::regex{R"(child (\d+))"}));
    CHECK(testing::process_dead(std::stoi(m[1].str())));
  }
}

TEST_CASE("the process sees exactly the given environment and working dir") {
  fixture f;
  auto env = fixture::config("env", {"/usr/bin/env"});
  env.env = {{"FOO", "bar baz"}, {"EMPTY", ""}};
  auto s = f.wait(f.run(env));
  std::string log = read_file(s.log_path);
  CHECK(std::regex_search(log, std::regex{R"(^\S+ stdout F FOO=bar baz\n\S+ stdout F EMPTY=\n$)"}));

  auto pwd = fixture::config("pwd", {"/bin/pwd"});
  pwd.working_dir = f.dir.path();
  s = f.wait(f.run(pwd));
  CHECK(read_file(s.log_path).find(" stdout F " + f.dir.path() + "\n") != std::string::npos);
}

TEST_CASE("a container without a command is refused with NoCommand") {
  fixture f;
  auto c = fixture::config("image-only", {});
  c.image = "nginx:1.27";
  auto id = f.rt->create_container(f.sandbox, c);
  REQUIRE_FALSE(id);
  CHECK(id.error().code == error_code::unsupported);
  CHECK(id.error().reason == "NoCommand");
  CHECK(id.error().message.find("OCI runtime") != std::string::npos);
}

TEST_CASE("an executable that does not exist fails to start with StartError, exit code 128") {
  fixture f;
  auto id = f.rt->create_container(f.sandbox, fixture::config("bad", {"no-such-program-x"}));
  REQUIRE(id);
  auto started = f.rt->start_container(*id);
  REQUIRE_FALSE(started);
  CHECK(started.error().reason == "StartError");
  CHECK(started.error().message ==
        "exec: \"no-such-program-x\": executable file not found in $PATH");
  auto s = f.rt->inspect_container(*id);
  CHECK(s->state == container_state::exited);
  CHECK(s->exit_code == 128);
  CHECK(s->reason == "StartError");

  auto wd = fixture::config("badwd", {"true"});
  wd.working_dir = f.dir / "missing";
  auto id2 = f.rt->create_container(f.sandbox, wd);
  REQUIRE(id2);
  auto started2 = f.rt->start_container(*id2);
  REQUIRE_FALSE(started2);
  CHECK(started2.error().message.find("No such file or directory") != std::string::npos);
}

TEST_CASE("a new runtime over the same state dir re-adopts a running container and its log") {
  fixture f;
  auto go = f.dir / "go";
  auto id = f.run(fixture::config(
      "long", {"/bin/sh", "-c",
               "echo before; while [ ! -e " + go + " ]; do sleep 0.05; done; echo after"}));
  auto log = f.dir / "logs/long/0.log";
  REQUIRE(wait_for_text(log, "before"));
  int pid = f.rt->inspect_container(id)->pid;
  f.rt.reset();  // the kubelet restarts; the container keeps running
  CHECK_FALSE(testing::process_dead(pid));

  f.rt = f.open();
  auto s = f.rt->inspect_container(id);
  REQUIRE(s);
  CHECK(s->state == container_state::running);
  CHECK(s->pid == pid);
  CHECK(f.rt->list_pod_sandboxes().size() == 1);
  { std::ofstream{go} << "1"; }
  auto done = f.wait(id);
  CHECK(done.state == container_state::exited);
  CHECK(done.exit_code == 0);  // still this test process's child, so the status is known
  std::string text = read_file(log);
  CHECK(text.find("stdout F before\n") != std::string::npos);
  CHECK(text.find("stdout F after\n") != std::string::npos);
}

TEST_CASE("a recorded running container whose process is gone is reported exited") {
  fixture f;
  auto id = f.run(fixture::config("victim", {"sleep", "1000"}));
  int pid = f.rt->inspect_container(id)->pid;
  f.rt.reset();
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);  // this process is the parent: reap it as init would
  f.rt = f.open();
  auto s = f.rt->inspect_container(id);
  REQUIRE(s);
  CHECK(s->state == container_state::exited);
  CHECK(s->exit_code == 137);
  CHECK(s->reason == "ContainerStatusUnknown");
}

TEST_CASE("remove_pod_sandbox stops and forgets every container") {
  fixture f;
  auto a = f.run(fixture::config("a", {"sleep", "1000"}));
  auto b = f.run(fixture::config("b", {"sleep", "1000"}));
  int pa = f.rt->inspect_container(a)->pid;
  REQUIRE(f.rt->stop_pod_sandbox(f.sandbox, 10s));
  CHECK(f.rt->inspect_container(b)->state == container_state::exited);
  CHECK(f.rt->inspect_pod_sandbox(f.sandbox)->state == sandbox_state::not_ready);
  CHECK_FALSE(f.rt->create_container(f.sandbox, fixture::config("c", {"true"})));
  REQUIRE(f.rt->remove_pod_sandbox(f.sandbox));
  CHECK(f.rt->list_containers().empty());
  CHECK(f.rt->list_pod_sandboxes().empty());
  CHECK(testing::process_dead(pa));
  CHECK(f.rt->inspect_container(a).error().code == error_code::not_found);
}

TEST_CASE("200 short-lived containers leak no fd and leave no zombie") {
  fixture f;
  // Warm up once so lazily opened fds (e.g. the random source) are counted on both sides.
  REQUIRE(f.rt->remove_container(f.run(fixture::config("warm", {"true"}))));
  int fds_before = testing::open_fd_count();
  for (int batch = 0; batch < 10; ++batch) {
    std::vector<container_id> ids;
    for (int i = 0; i < 20; ++i) {
      ids.push_back(f.run(fixture::config(
          "c" + std::to_string(i), {"/bin/sh", "-c", "echo $$; exit " + std::to_string(i)})));
    }
    for (int i = 0; i < 20; ++i) {
      auto s = f.wait(ids[i]);
      CHECK(s.exit_code == i);
      REQUIRE(f.rt->remove_container(ids[i]));
    }
  }
  CHECK(f.rt->list_containers().empty());
  CHECK(testing::open_fd_count() == fds_before);
  CHECK(testing::zombie_children() == 0);
}

TEST_CASE("container logs are rotated past the size limit, keeping at most max_files files") {
  testing::temp_dir dir;
  process_runtime_config cfg;
  cfg.state_dir = dir / "state";
  cfg.use_cgroups = false;
  cfg.rotation = {8 * 1024, 3};
  auto rt = process_runtime::create(cfg);
  REQUIRE(rt);
  pod_sandbox_config pod;
  pod.name = "noisy";
  pod.namespace_ = "default";
  pod.uid = "uid-rotation";
  pod.log_directory = dir / "logs";
  auto sandbox = (*rt)->run_pod_sandbox(pod);
  REQUIRE(sandbox);
  auto c = testing::fixture::config(
      "talk", {"sh", "-c",
               "i=0; while [ $i -lt 20000 ]; do echo line $i of some padding text; "
               "i=$((i+1)); done"});
  auto id = (*rt)->create_container(*sandbox, c);
  REQUIRE(id);
  REQUIRE((*rt)->start_container(*id));
  auto done = (*rt)->wait_container(*id, std::chrono::seconds{30});
  REQUIRE(done);
  auto log_dir = std::filesystem::path(dir / "logs") / "talk";
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(log_dir)) {
    ++files;
    // At most one read batch (64 KiB of output, as records) past the limit.
    CHECK(std::filesystem::file_size(e.path()) < 8 * 1024 + 128 * 1024);
  }
  CHECK(files == 3);  // 0.log and two rotated ones; older ones were deleted
  CHECK(testing::read_file((log_dir / "0.log").string()).find("line 19999 of") !=
        std::string::npos);
  REQUIRE((*rt)->remove_pod_sandbox(*sandbox));
}
