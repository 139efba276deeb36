#include <doctest/doctest.h>

#include "node/runtime/process_runtime.hpp"
#include "node/runtime/testing/fixture.hpp"

using namespace kactor::node::runtime;
using kactor::node::runtime::testing::fixture;

TEST_CASE("exec_sync runs in the container's environment and returns output and exit code") {
  fixture f;
  auto c = fixture::config("target", {"sleep", "1000"});
  c.env.push_back({"FOO", "bar"});
  c.working_dir = f.dir.path();
  auto id = f.run(c);

  auto r = f.rt->exec_sync(id, {{"sh", "-c", "echo $FOO; pwd; echo err >&2; exit 4"}, "", 20000});
  REQUIRE(r);
  CHECK(r->exit_code == 4);
  CHECK_FALSE(r->timed_out);
  CHECK(r->stdout_data == "bar\n" + f.dir.path() + "\n");
  CHECK(r->stderr_data == "err\n");

  auto in = f.rt->exec_sync(id, {{"cat"}, "hello\nworld", 20000});
  REQUIRE(in);
  CHECK(in->exit_code == 0);
  CHECK(in->stdout_data == "hello\nworld");

  auto slow = f.rt->exec_sync(id, {{"sleep", "1000"}, "", 200});
  REQUIRE(slow);
  CHECK(slow->timed_out);
  CHECK(slow->exit_code == -1);

  auto missing = f.rt->exec_sync(id, {{"no-such-program-x"}, "", 0});
  REQUIRE_FALSE(missing);
  CHECK(missing.error().reason == "StartError");

  REQUIRE(f.rt->stop_container(id, std::chrono::seconds{10}));
  auto stopped = f.rt->exec_sync(id, {{"true"}, "", 0});
  REQUIRE_FALSE(stopped);
  CHECK(stopped.error().code == error_code::failed_precondition);
  CHECK(kactor::node::runtime::testing::zombie_children() == 0);
}
