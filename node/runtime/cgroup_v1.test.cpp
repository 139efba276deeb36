#include "node/runtime/cgroup_v1.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "node/runtime/testing/fixture.hpp"

using namespace kactor::node::runtime;
using kactor::node::runtime::testing::fixture;
using kactor::node::runtime::testing::read_file;
using namespace std::chrono_literals;

namespace {

// Test cgroups go under this process's own cgroup, in a directory named after the pid.
cgroup_layout test_layout() {
  cgroup_layout l;
  l.parent = "kactor-test-" + std::to_string(::getpid());
  l.nest_under_own = true;
  return l;
}

void remove_bases(const cgroup_layout& l) {
  for (const char* ctrl : {"memory", "cpu", "pids"}) {
    std::string own = own_cgroup(ctrl);
    ::rmdir((l.root + "/" + ctrl + (own == "/" ? "" : own) + "/" + l.parent).c_str());
  }
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
    s.pop_back();
  return s;
}

}  // namespace

TEST_CASE("a layout whose root is not a cgroup mount disables limits with a reason") {
  cgroup_v1 cg{cgroup_layout{"/nonexistent-cgroup-root"}};
  CHECK_FALSE(cg.enabled());
  CHECK(cg.message().find("not mounted") != std::string::npos);
  auto paths = cg.create("pod", "c", resource_limits{0, 0, 1 << 20, 0});
  REQUIRE(paths);
  CHECK(paths->empty());
}

TEST_CASE("cgroup v1 limits are written, read back, and an OOM kill is reported as OOMKilled") {
  auto layout = test_layout();
  {
    fixture f{true, layout};
    auto info = f.rt->info();
    if (!info.cgroups_enabled) {
      MESSAGE("skipped: cgroup v1 is not usable here: " << info.message);
      return;
    }
    CHECK(info.message.empty());
    auto c = fixture::config("limited", {"sleep", "1000"});
    c.resources = resource_limits{250, 500, 16 * 1024 * 1024, 50};
    auto id = f.run(c);
    auto s = f.rt->inspect_container(id);
    std::string pod = "uid-" + std::to_string(::getpid());
    cgroup_v1 cg{layout};
    std::string mem = cg.pod_dir("memory", pod) + "/" + id;
    std::string cpu = cg.pod_dir("cpu", pod) + "/" + id;
    std::string pids = cg.pod_dir("pids", pod) + "/" + id;
    CHECK(trim(read_file(mem + "/memory.limit_in_bytes")) == "16777216");
    CHECK(trim(read_file(cpu + "/cpu.cfs_quota_us")) == "50000");
    CHECK(trim(read_file(cpu + "/cpu.cfs_period_us")) == "100000");
    CHECK(trim(read_file(cpu + "/cpu.shares")) == "256");
    CHECK(trim(read_file(pids + "/pids.max")) == "50");
    for (const auto& dir : {mem, cpu, pids}) {
      CHECK(trim(read_file(dir + "/cgroup.procs")) == std::to_string(s->pid));
    }
    // exec joins the same cgroups
    auto r = f.rt->exec_sync(id, exec_request{{"cat", "/proc/self/cgroup"}, "", 20000});
    REQUIRE(r);
    CHECK(r->stdout_data.find(mem.substr(mem.find("/memory/") + 7)) != std::string::npos);
    REQUIRE(f.rt->remove_container(id));
    CHECK(::access(mem.c_str(), F_OK) != 0);

    auto hog = fixture::config(
        "hog", {"/bin/sh", "-c", "x=$(head -c 268435456 /dev/zero | tr '\\0' a); echo survived"});
    hog.resources.memory_limit_bytes = 16 * 1024 * 1024;
    auto hs = f.wait(f.run(hog));
    CHECK(hs.state == container_state::exited);
    CHECK(hs.reason == "OOMKilled");
    CHECK(hs.exit_code != 0);
    CHECK(read_file(hs.log_path).find("survived") == std::string::npos);
    REQUIRE(f.rt->remove_pod_sandbox(f.sandbox));
    CHECK(::access(cg.pod_dir("memory", pod).c_str(), F_OK) != 0);
  }
  remove_bases(layout);
}

TEST_CASE("cgroup v2: a unified hierarchy gets memory.max, cpu.max, cpu.weight, pids.max") {
  // A directory standing in for a cgroup2 mount: cgroup.controllers offers the three
  // controllers (this machine cannot create v2 limits, platform.md: only the files are checked).
  testing::temp_dir root;
  {
    std::ofstream controllers{root / std::string("cgroup.controllers")};
    controllers << "cpuset cpu io memory hugetlb pids rdma misc\n";
  }
  cgroup_layout layout;
  layout.root = root.path();
  cgroup_v1 cg{layout};
  REQUIRE(cg.enabled());
  CHECK(cg.unified());
  resource_limits limits;
  limits.memory_limit_bytes = 64 * 1024 * 1024;
  limits.cpu_request_millis = 250;
  limits.cpu_limit_millis = 500;
  limits.pids_limit = 32;
  auto paths = cg.create("uid1", "c1", limits);
  REQUIRE(paths);
  auto dir = root / "kactor/poduid1/c1";
  CHECK(paths->memory == dir);
  CHECK(paths->procs_files() == std::vector<std::string>{dir + "/cgroup.procs"});
  auto read = [](const std::string& f) {
    std::ifstream in{f};
    return std::string((std::istreambuf_iterator<char>(in)), {});
  };
  CHECK(read(dir + "/memory.max") == "67108864");
  CHECK(read(dir + "/cpu.max") == "50000 100000");
  CHECK(read(dir + "/cpu.weight") == std::to_string(1 + (256 - 2) * 9999 / 262142));
  CHECK(read(dir + "/pids.max") == "32");
  CHECK(read(root / "kactor/cgroup.subtree_control") == "+memory +cpu +pids");
  {
    std::ofstream events{dir + "/memory.events"};
    events << "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n";
  }
  CHECK(cgroup_v1::oom_kills(*paths) == 1);
  resource_limits none;
  auto unlimited = cg.create("uid1", "c2", none);
  REQUIRE(unlimited);
  CHECK(read(unlimited->memory + "/memory.max") == "max");
  CHECK(read(unlimited->cpu + "/cpu.max") == "max 100000");
  cgroup_v1::remove(*paths);
  cgroup_v1::remove(*unlimited);
  cg.remove_pod("uid1");
  CHECK(!std::filesystem::exists(root / "kactor/poduid1"));
}
