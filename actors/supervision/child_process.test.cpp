#include "actors/supervision/child_process.hpp"

#include <doctest/doctest.h>

#include <signal.h>
#include <unistd.h>

#include <caf/message.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace kactor::supervision;

namespace {

struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
    char tmpl[] = "/tmp/kactor-child-test-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~temp_dir() { std::filesystem::remove_all(path); }
};

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in{p};
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool process_exists(pid_t pid) {
  return ::kill(pid, 0) == 0;
}

// The state letter of /proc/<pid>/stat ('Z' for a zombie), or 0 when the pid is gone.
char proc_state(pid_t pid) {
  auto stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  auto close = stat.rfind(')');
  return close == std::string::npos || close + 2 >= stat.size() ? 0 : stat[close + 2];
}

spawn_options run(std::vector<std::string> argv, std::filesystem::path output = {}) {
  spawn_options opts;
  opts.argv = std::move(argv);
  opts.output = std::move(output);
  return opts;
}

spawn_options sh(std::string script, std::filesystem::path output = {}) {
  return run({"/bin/sh", "-c", std::move(script)}, std::move(output));
}

}  // namespace

TEST_CASE("a child's output lands in the output file and its exit code is reported") {
  temp_dir dir;
  auto log = dir.path / "out.log";
  auto child = child_process::spawn(sh("echo to-stdout; echo to-stderr >&2; exit 3", log));
  REQUIRE(child);
  CHECK(child->running());
  auto status = child->wait();
  CHECK_FALSE(child->running());
  CHECK(status.code == 3);
  CHECK(status.describe() == "exited with code 3");
  CHECK(read_file(log) == "to-stdout\nto-stderr\n");
  auto again = child_process::spawn(sh("echo second", log));  // appends
  REQUIRE(again);
  CHECK(again->wait().success());
  CHECK(read_file(log) == "to-stdout\nto-stderr\nsecond\n");
}

TEST_CASE("exec failure is a spawn error naming the program and the reason") {
  auto child = child_process::spawn(run({"/nonexistent/nats-server"}));
  REQUIRE_FALSE(child);
  CHECK(child.error().context().get_as<std::string>(0) ==
        "spawn /nonexistent/nats-server: No such file or directory");
  CHECK_FALSE(child_process::spawn(spawn_options{}));
}

TEST_CASE("signals reach the child even when the spawning thread blocks them") {
  sigset_t term;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  sigset_t old;
  pthread_sigmask(SIG_BLOCK, &term, &old);  // like kactor's main, which waits for SIGTERM
  auto child = child_process::spawn(run({"/bin/sleep", "1000"}));
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  REQUIRE(child);
  CHECK(child->signal(SIGTERM));
  auto status = child->wait();
  CHECK(status.signaled);
  CHECK(status.signal == SIGTERM);
  CHECK(status.describe() == "killed by signal 15 (SIGTERM)");
  CHECK_FALSE(child->signal(SIGTERM));  // reaped: nothing to signal
}

TEST_CASE("wait_for_exit waits without reaping; try_reap then reaps") {
  auto child = child_process::spawn(run({"/bin/sleep", "1000"}));
  REQUIRE(child);
  auto pid = child->pid();
  CHECK_FALSE(child->try_reap().has_value());
  std::thread killer{[pid] { ::kill(pid, SIGKILL); }};
  auto exited = wait_for_exit(pid);
  killer.join();
  REQUIRE(exited);
  CHECK(exited->signal == SIGKILL);
  CHECK(proc_state(pid) == 'Z');  // still ours: the pid cannot be reused yet
  CHECK(child->running());
  auto reaped = child->try_reap();
  REQUIRE(reaped.has_value());
  CHECK(reaped->signal == SIGKILL);
  CHECK_FALSE(process_exists(pid));
  CHECK_FALSE(wait_for_exit(pid));
}

TEST_CASE("destroying a running child kills and reaps it") {
  pid_t pid = 0;
  {
    auto child = child_process::spawn(run({"/bin/sleep", "1000"}));
    REQUIRE(child);
    pid = child->pid();
    CHECK(process_exists(pid));
  }
  CHECK_FALSE(process_exists(pid));
}

TEST_CASE("the child runs in its own process group and signal() reaches its children") {
  temp_dir dir;
  auto child = child_process::spawn(
      sh("sleep 1000 & echo $! > " + (dir.path / "grandchild").string() + "; wait"));
  REQUIRE(child);
  CHECK(::getpgid(child->pid()) == child->pid());
  pid_t grandchild = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (grandchild == 0 && std::chrono::steady_clock::now() < deadline) {
    auto text = read_file(dir.path / "grandchild");  // the shell writes it at once
    if (!text.empty() && text.back() == '\n') grandchild = std::stoi(text);
  }
  REQUIRE(grandchild != 0);
  CHECK(::getpgid(grandchild) == child->pid());
  child->signal(SIGKILL);
  child->wait();
  auto gone = wait_for_exit(grandchild);  // not our child: fails; poll /proc instead
  CHECK_FALSE(gone);
  deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (process_exists(grandchild) && proc_state(grandchild) != 'Z' &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();  // SIGKILL delivery to another process has no event to await
  CHECK((!process_exists(grandchild) || proc_state(grandchild) == 'Z'));
}

TEST_CASE("a child with die_with_parent dies when the thread that spawned it ends") {
  child_process child;
  std::thread spawner{[&] {
    auto c = child_process::spawn(run({"/bin/sleep", "1000"}));
    REQUIRE(c);
    child = std::move(*c);
  }};
  spawner.join();
  auto status = child.wait();
  CHECK(status.signaled);
  CHECK(status.signal == SIGKILL);
}

TEST_CASE("only stdin, stdout and stderr are open in the child") {
  temp_dir dir;
  auto log = dir.path / "fds";
  auto child = child_process::spawn(sh("ls /proc/$$/fd", log));
  REQUIRE(child);
  CHECK(child->wait().success());
  CHECK(read_file(log) == "0\n1\n2\n");
}
