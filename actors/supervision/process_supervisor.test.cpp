#include "actors/supervision/process_supervisor.hpp"

#include <doctest/doctest.h>

#include <signal.h>
#include <unistd.h>

#include <caf/all.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace std::chrono_literals;
using namespace kactor::supervision;

namespace {

struct fixture {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor listener{sys};
  std::filesystem::path dir;

  fixture() {
    char tmpl[] = "/tmp/kactor-supervisor-test-XXXXXX";
    dir = ::mkdtemp(tmpl);
  }
  ~fixture() { std::filesystem::remove_all(dir); }

  process_spec spec(std::vector<std::string> argv) {
    process_spec s;
    s.name = "test-child";
    s.spawn.argv = std::move(argv);
    s.pid_file = dir / "child.pid";
    s.restart = {10ms, 40ms, 10s};
    s.stop_grace = 30s;
    return s;
  }

  // The next started_atom event: (pid, restarts).
  std::pair<std::int32_t, std::uint64_t> next_start() {
    std::pair<std::int32_t, std::uint64_t> out{0, 0};
    listener->receive(
        [&](started_atom, const std::string&, std::int32_t pid, std::uint64_t r) {
          out = {pid, r};
        },
        caf::after(30s) >> [] { FAIL("no started event within 30 s"); });
    return out;
  }

  std::string next_exit() {
    std::string how;
    listener->receive(
        [&](exited_atom, const std::string&, std::int32_t, const std::string& h) { how = h; },
        caf::after(30s) >> [] { FAIL("no exited event within 30 s"); });
    return how;
  }

  process_status status(const caf::actor& sup) {
    process_status out;
    listener->request(sup, 30s, status_atom::value)
        .receive([&](const process_status& s) { out = s; },
                 [](caf::error& e) { FAIL(caf::to_string(e)); });
    return out;
  }

  void stop(const caf::actor& sup) {
    bool stopped = false;
    listener->request(sup, 60s, stop_atom::value)
        .receive([&](stop_atom) { stopped = true; },
                 [](caf::error& e) { FAIL(caf::to_string(e)); });
    CHECK(stopped);
  }
};

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in{p};
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool alive(pid_t pid) {
  return ::kill(pid, 0) == 0;
}

}  // namespace

TEST_CASE("a killed child is restarted with a new pid, counted, and stopped on request") {
  fixture f;
  auto sup = spawn_process_supervisor(f.sys, f.spec({"/bin/sleep", "1000"}), f.listener);
  auto [first, first_restarts] = f.next_start();
  CHECK(first_restarts == 0);
  CHECK(read_file(f.dir / "child.pid") == std::to_string(first) + "\n");
  ::kill(first, SIGKILL);
  CHECK(f.next_exit() == "killed by signal 9 (SIGKILL)");
  auto [second, restarts] = f.next_start();
  CHECK(second != first);
  CHECK(restarts == 1);
  CHECK(read_file(f.dir / "child.pid") == std::to_string(second) + "\n");
  auto st = f.status(sup);
  CHECK(st.pid == second);
  CHECK(st.starts == 2);
  CHECK(st.restarts == 1);
  CHECK(st.last_exit == "killed by signal 9 (SIGKILL)");
  f.stop(sup);
  CHECK(f.next_exit() == "killed by signal 15 (SIGTERM)");
  CHECK_FALSE(alive(second));
  CHECK_FALSE(std::filesystem::exists(f.dir / "child.pid"));
}

TEST_CASE("a child that keeps exiting is restarted again and again") {
  fixture f;
  auto sup = spawn_process_supervisor(f.sys, f.spec({"/bin/sh", "-c", "exit 7"}), f.listener);
  for (std::uint64_t i = 0; i < 4; ++i) {
    CHECK(f.next_start().second == i);
    CHECK(f.next_exit() == "exited with code 7");
  }
  f.stop(sup);
}

TEST_CASE("a child ignoring SIGTERM gets SIGKILL after the stop grace") {
  fixture f;
  auto spec = f.spec({"/bin/sh", "-c", "trap '' TERM; echo trapped; exec sleep 1000"});
  spec.spawn.output = f.dir / "out";
  spec.stop_grace = 200ms;
  auto sup = spawn_process_supervisor(f.sys, spec, f.listener);
  auto pid = f.next_start().first;
  auto deadline = std::chrono::steady_clock::now() + 30s;  // the trap must be set before SIGTERM
  while (read_file(f.dir / "out") != "trapped\n" && std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  REQUIRE(read_file(f.dir / "out") == "trapped\n");
  f.stop(sup);
  CHECK(f.next_exit() == "killed by signal 9 (SIGKILL)");
  CHECK_FALSE(alive(pid));
}

TEST_CASE("a program that cannot be spawned is retried and reported in the status") {
  fixture f;
  auto sup = spawn_process_supervisor(f.sys, f.spec({f.dir.string() + "/missing"}), f.listener);
  process_status st;
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (st.restarts < 2 && std::chrono::steady_clock::now() < deadline)
    st = f.status(sup);
  CHECK(st.restarts >= 2);
  CHECK(st.starts == 0);
  CHECK(st.last_exit == "spawn " + f.dir.string() + "/missing: No such file or directory");
  f.stop(sup);
}

TEST_CASE("a supervisor that is killed takes its child with it") {
  fixture f;
  auto sup = spawn_process_supervisor(f.sys, f.spec({"/bin/sleep", "1000"}), f.listener);
  auto pid = f.next_start().first;
  f.listener->monitor(sup);
  caf::anon_send_exit(sup, caf::exit_reason::kill);
  f.listener->receive([](const caf::down_msg&) {},
                      caf::after(30s) >> [] { FAIL("supervisor did not exit"); });
  CHECK_FALSE(alive(pid));
}
