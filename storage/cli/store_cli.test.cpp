#include "storage/cli/store_cli.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "k8s/core/v1/pod.pb.h"
#include "storage/state/testing/role_fixture.hpp"

namespace kactor::store_cli {

namespace {

struct cli_fixture : state::testing::role_fixture {
  storage::testing::temp_dir files;
  std::ostringstream out, err;

  store_cli_options options(store_command command, std::string key = {}) {
    store_cli_options o;
    o.command = command;
    o.key = std::move(key);
    o.nats_url = server.url();
    o.timeout = std::chrono::seconds(10);
    if (command == store_command::get) o.output = output_format::yaml;
    return o;
  }

  int run(const store_cli_options& o) {
    out.str({});
    err.str({});
    return run_store_cli(o, out, err);
  }

  std::filesystem::path manifest(const std::string& name, const std::string& text) {
    auto path = files.path() / name;
    std::ofstream(path) << text;
    return path;
  }

  int put(const std::string& key, const std::string& text) {
    auto o = options(store_command::put, key);
    o.file = manifest("object.yaml", text);
    return run(o);
  }
};

constexpr const char* web_pod = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: default
  labels:
    app: web
spec:
  containers:
  - name: main
    image: host:v1
)";

}  // namespace

TEST_CASE_FIXTURE(cli_fixture, "put, get in every format, ls, history and del") {
  REQUIRE(put("/registry/pods/default/web", web_pod) == 0);
  CHECK(out.str().starts_with("created /registry/pods/default/web at revision 2"));
  std::string v2 = web_pod;
  v2.replace(v2.find("host:v1"), 7, "host:v2");
  REQUIRE(put("/registry/pods/default/web", v2) == 0);
  CHECK(out.str() == "updated /registry/pods/default/web at revision 3\n");

  REQUIRE(run(options(store_command::get, "/registry/pods/default/web")) == 0);
  CHECK(out.str().starts_with("kind: Pod\napiVersion: v1\nmetadata:\n  name: web\n"));
  CHECK(out.str().find("resourceVersion: \"3\"") != std::string::npos);
  CHECK(out.str().find("image: host:v2") != std::string::npos);

  auto json = options(store_command::get, "/registry/pods/default/web");
  json.output = output_format::json;
  REQUIRE(run(json) == 0);
  auto parsed = nlohmann::json::parse(out.str());
  CHECK(parsed["kind"] == "Pod");
  CHECK(parsed["metadata"]["resourceVersion"] == "3");
  CHECK(parsed["metadata"]["labels"]["app"] == "web");

  auto proto = options(store_command::get, "/registry/pods/default/web");
  proto.output = output_format::proto;
  proto.revision = 2;
  REQUIRE(run(proto) == 0);
  k8s::core::v1::Pod pod;
  REQUIRE(pod.ParseFromString(out.str()));
  CHECK(pod.spec().containers(0).image() == "host:v1");
  CHECK(pod.metadata().resourceversion() == "2");

  REQUIRE(put("/registry/pods/other/db",
              "kind: Pod\napiVersion: v1\nspec: {containers: [{name: c}]}\n") == 0);
  REQUIRE(run(options(store_command::ls, "/registry/")) == 0);
  CHECK(out.str() == "/registry/pods/default/web\n/registry/pods/other/db\n");
  REQUIRE(run(options(store_command::ls, "/registry/pods/other/")) == 0);
  CHECK(out.str() == "/registry/pods/other/db\n");

  REQUIRE(run(options(store_command::del, "/registry/pods/default/web")) == 0);
  CHECK(out.str() == "deleted /registry/pods/default/web at revision 5\n");
  CHECK(run(options(store_command::get, "/registry/pods/default/web")) == 1);
  CHECK(err.str().starts_with("kactor store: NOT_FOUND: "));

  REQUIRE(run(options(store_command::history, "/registry/pods/default/web")) == 0);
  CHECK(out.str() ==
        "revision 2: version 1 (created at revision 2)\n"
        "revision 3: version 2 (created at revision 2)\n"
        "revision 5: deleted\n");
}

TEST_CASE_FIXTURE(cli_fixture, "put refuses manifests that do not fit the key") {
  CHECK(put("/registry/deployments/default/web", web_pod) == 1);
  CHECK(err.str().find(
            "holds a v1 Pod, but /registry/deployments/default/web stores apps/v1 Deployment") !=
        std::string::npos);
  CHECK(put("/registry/pods/default/db", web_pod) == 1);
  CHECK(err.str().find("names default/web, but the key is /registry/pods/default/db") !=
        std::string::npos);
  CHECK(put("/registry/pods/default/web", "kind: Pod\napiVersion: v1\nspec: {containers: 3}\n") ==
        1);
  CHECK(err.str().find("spec.containers") != std::string::npos);
  CHECK(put("/registry/pods/web", web_pod) == 2);
  CHECK(err.str().find("is not an object key") != std::string::npos);
  auto missing = options(store_command::put, "/registry/pods/default/web");
  missing.file = files.path() / "nope.yaml";
  CHECK(run(missing) == 1);
  CHECK(err.str().find("cannot read") != std::string::npos);
}

TEST_CASE_FIXTURE(cli_fixture, "status, endpoint health and compact") {
  REQUIRE(put("/registry/pods/default/web", web_pod) == 0);
  REQUIRE(run(options(store_command::status)) == 0);
  CHECK(out.str().find("revision:           2\n") != std::string::npos);
  CHECK(out.str().find("objects:            1\n") != std::string::npos);
  CHECK(out.str().find("version:            test\n") != std::string::npos);
  CHECK(out.str().find("epoch:              " + std::to_string(role->epoch())) !=
        std::string::npos);

  REQUIRE(run(options(store_command::endpoint_health)) == 0);
  CHECK(out.str().starts_with(server.url() + " is healthy: the state actor answered in "));

  auto compact = options(store_command::compact);
  compact.revision = 2;
  REQUIRE(run(compact) == 0);
  CHECK(out.str() == "compacted to revision 2\n");

  role.reset();  // the bus is up, nobody serves
  CHECK(run(options(store_command::endpoint_health)) == 1);
  CHECK(out.str().starts_with(server.url() + " is unhealthy: "));
  CHECK(run(options(store_command::status)) == 1);
  CHECK(err.str().find("is the state actor running?") != std::string::npos);
}

TEST_CASE_FIXTURE(cli_fixture, "the bus URL comes from --nats or DIR/nats-url") {
  auto from_dir = options(store_command::status);
  from_dir.nats_url.clear();
  CHECK(run(from_dir) == 1);
  CHECK(err.str().find("give --nats URL") != std::string::npos);
  from_dir.data_dir = files.path();
  CHECK(run(from_dir) == 1);
  CHECK(err.str().find("nats-url") != std::string::npos);
  std::ofstream(files.path() / "nats-url") << server.url() << "\n";
  CHECK(run(from_dir) == 0);
  auto unreachable = options(store_command::status);
  unreachable.nats_url = "nats://127.0.0.1:1";
  CHECK(run(unreachable) == 1);
  CHECK(err.str().find("127.0.0.1:1") != std::string::npos);
}

TEST_CASE_FIXTURE(cli_fixture, "watch catches up from a revision and follows live events") {
  REQUIRE(put("/registry/pods/default/web", web_pod) == 0);
  REQUIRE(run(options(store_command::del, "/registry/pods/default/web")) == 0);
  auto history = options(store_command::watch, "/registry/pods");
  history.revision = 1;
  history.max_events = 2;
  REQUIRE(run(history) == 0);
  CHECK(out.str() == "ADDED /registry/pods/default/web 2\nDELETED /registry/pods/default/web 3\n");

  // Live: the first poll of `interrupted` comes after the watch has subscribed and read where
  // to start; only then are the objects written.
  std::promise<void> ready;
  bool signalled = false;
  auto live = options(store_command::watch, "/registry/pods/default");
  live.max_events = 2;
  live.output = output_format::json;
  live.interrupted = [&] {
    if (!signalled) ready.set_value();
    signalled = true;
    return false;
  };
  std::ostringstream watch_out, watch_err;
  int code = -1;
  std::thread watching([&] { code = run_store_cli(live, watch_out, watch_err); });
  ready.get_future().wait();
  REQUIRE(put("/registry/pods/other/db", "kind: Pod\napiVersion: v1\n") == 0);  // other namespace
  REQUIRE(put("/registry/pods/default/web", web_pod) == 0);
  REQUIRE(run(options(store_command::del, "/registry/pods/default/web")) == 0);
  watching.join();
  CHECK(code == 0);
  std::istringstream lines(watch_out.str());
  std::string line;
  std::getline(lines, line);
  CHECK(line == "ADDED /registry/pods/default/web 5");
  std::getline(lines, line);
  CHECK(nlohmann::json::parse(line)["metadata"]["resourceVersion"] == "5");
  std::getline(lines, line);
  CHECK(line == "DELETED /registry/pods/default/web 6");

  auto bad = options(store_command::watch, "/registry/widgets");
  CHECK(run(bad) == 2);
}

TEST_CASE_FIXTURE(cli_fixture, "snapshot save and restore into a new data directory") {
  REQUIRE(put("/registry/pods/default/web", web_pod) == 0);
  role.reset();  // one process must not open a store twice (LMDB): save from a stopped role
  auto save = options(store_command::snapshot_save);
  save.data_dir = data.path();
  save.file = files.path() / "backup.snap";
  REQUIRE(run(save) == 0);
  CHECK(out.str().find("revision 2, 1 objects") != std::string::npos);

  storage::testing::temp_dir restored;
  auto restore = options(store_command::snapshot_restore);
  restore.data_dir = restored.path();
  restore.file = save.file;
  REQUIRE(run(restore) == 0);
  CHECK(out.str().find((restored.path() / "state").string()) != std::string::npos);
  CHECK(run(restore) == 1);  // not over an existing store
  CHECK(err.str().find("snapshot restore") != std::string::npos);

  auto o = role_fixture::options();
  o.data_dir = restored.path();
  start(o);
  REQUIRE(run(options(store_command::get, "/registry/pods/default/web")) == 0);
  CHECK(out.str().find("resourceVersion: \"2\"") != std::string::npos);

  auto nothing = options(store_command::snapshot_save);
  nothing.data_dir = files.path();
  nothing.file = files.path() / "x.snap";
  CHECK(run(nothing) == 1);
  CHECK(err.str().find("no store in") != std::string::npos);
}

}  // namespace kactor::store_cli
