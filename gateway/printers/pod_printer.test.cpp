#include "gateway/printers/pod_printer.hpp"

#include "gateway/printers/print_test_support.hpp"

using namespace kactor::printers;
using namespace kactor::printers::testing;
using k8s::core::v1::Pod;

namespace {

pod_summary summary(std::string_view text, std::int64_t seconds_after = 0) {
  return summarize_pod(object<Pod>(text), {created + seconds_after, 0});
}

}  // namespace

TEST_CASE("a pending pod without statuses shows its phase") {
  auto s = summary(R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Pending"}})");
  CHECK(s.ready == "0/1");
  CHECK(s.status == "Pending");
  CHECK(s.restarts == "0");
}

TEST_CASE("waiting and running containers") {
  auto creating = summary(R"({"spec":{"containers":[{"name":"a"},{"name":"b"}]},
    "status":{"phase":"Pending","containerStatuses":[
      {"name":"a","state":{"waiting":{"reason":"ContainerCreating"}}},
      {"name":"b","state":{"waiting":{"reason":"ContainerCreating"}}}]}})");
  CHECK(creating.ready == "0/2");
  CHECK(creating.status == "ContainerCreating");

  auto running = summary(R"({"spec":{"containers":[{"name":"a"},{"name":"b"}]},
    "status":{"phase":"Running","containerStatuses":[
      {"name":"a","ready":true,"state":{"running":{}}},
      {"name":"b","ready":false,"state":{"running":{}}}]}})");
  CHECK(running.ready == "1/2");
  CHECK(running.status == "Running");
}

TEST_CASE("crash looping containers count restarts with the age of the last one") {
  auto s = summary(R"({"spec":{"containers":[{"name":"a"}]},
    "status":{"phase":"Running","containerStatuses":[{"name":"a","restartCount":3,
      "state":{"waiting":{"reason":"CrashLoopBackOff"}},
      "lastState":{"terminated":{"exitCode":1,"reason":"Error",
                                 "finishedAt":"2023-11-14T22:13:20Z"}}}]}})",
                   302);
  CHECK(s.status == "CrashLoopBackOff");
  CHECK(s.restarts == "3 (5m2s ago)");
  CHECK(s.ready == "0/1");
}

TEST_CASE("terminated containers: Completed, reasons, exit codes and signals") {
  CHECK(summary(R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Succeeded",
    "containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}})")
            .status == "Completed");
  CHECK(summary(R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Failed",
    "containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":3}}}]}})")
            .status == "ExitCode:3");
  CHECK(summary(R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Failed",
    "containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":137,"signal":9}}}]}})")
            .status == "Signal:9");
  CHECK(summary(R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Failed",
    "containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":1,"reason":"Error"}}}]}})")
            .status == "Error");
}

TEST_CASE("a completed container beside a running one keeps the pod Running or NotReady") {
  auto text = R"({"spec":{"containers":[{"name":"a"},{"name":"b"}]},
    "status":{"phase":"Running","conditions":[{"type":"Ready","status":"%s"}],
      "containerStatuses":[
      {"name":"a","ready":true,"state":{"running":{}}},
      {"name":"b","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}})";
  std::string ready(text);
  ready.replace(ready.find("%s"), 2, "True");
  std::string not_ready(text);
  not_ready.replace(not_ready.find("%s"), 2, "False");
  CHECK(summary(ready).status == "Running");
  CHECK(summary(not_ready).status == "NotReady");
}

TEST_CASE("init containers: progress, waiting reasons and failures") {
  auto progress = summary(R"({"spec":{"initContainers":[{"name":"i1"},{"name":"i2"}],
    "containers":[{"name":"a"}]},
    "status":{"phase":"Pending","initContainerStatuses":[
      {"name":"i1","state":{"terminated":{"exitCode":0}}},
      {"name":"i2","state":{"running":{}}}],
      "containerStatuses":[{"name":"a","state":{"waiting":{"reason":"PodInitializing"}}}]}})");
  CHECK(progress.status == "Init:1/2");
  CHECK(summary(R"({"spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"a"}]},
    "status":{"phase":"Pending","initContainerStatuses":[
      {"name":"i1","restartCount":2,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}})")
            .status == "Init:CrashLoopBackOff");
  CHECK(summary(R"({"spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"a"}]},
    "status":{"phase":"Pending","initContainerStatuses":[
      {"name":"i1","state":{"terminated":{"exitCode":1,"reason":"Error"}}}]}})")
            .status == "Init:Error");
  CHECK(summary(R"({"spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"a"}]},
    "status":{"phase":"Pending","initContainerStatuses":[
      {"name":"i1","state":{"terminated":{"exitCode":2}}}]}})")
            .status == "Init:ExitCode:2");
  CHECK(summary(R"({"spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"a"}]},
    "status":{"phase":"Pending","initContainerStatuses":[
      {"name":"i1","state":{"waiting":{"reason":"PodInitializing"}}}]}})")
            .status == "Init:0/1");
}

TEST_CASE("sidecars (restartable init containers) count as containers once started") {
  auto s = summary(R"({"spec":{"initContainers":[{"name":"proxy","restartPolicy":"Always"}],
    "containers":[{"name":"a"}]},
    "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True"}],
      "initContainerStatuses":[{"name":"proxy","started":true,"ready":true,"restartCount":1,
        "state":{"running":{}}}],
      "containerStatuses":[{"name":"a","ready":true,"state":{"running":{}}}]}})");
  CHECK(s.ready == "2/2");
  CHECK(s.status == "Running");
  CHECK(s.restarts == "1");
}

TEST_CASE("deletion, lost nodes and scheduling gates") {
  CHECK(summary(R"({"metadata":{"deletionTimestamp":"2023-11-14T22:13:20Z"},
    "spec":{"containers":[{"name":"a"}]},"status":{"phase":"Running"}})")
            .status == "Terminating");
  CHECK(summary(R"({"metadata":{"deletionTimestamp":"2023-11-14T22:13:20Z"},
    "spec":{"containers":[{"name":"a"}]},"status":{"phase":"Running","reason":"NodeLost"}})")
            .status == "Unknown");
  CHECK(summary(R"({"metadata":{"deletionTimestamp":"2023-11-14T22:13:20Z"},
    "spec":{"containers":[{"name":"a"}]},"status":{"phase":"Succeeded"}})")
            .status == "Succeeded");
  CHECK(summary(R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Pending",
    "conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]}})")
            .status == "SchedulingGated");
  CHECK(summary(R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Failed",
    "reason":"Evicted"}})")
            .status == "Evicted");
}

TEST_CASE("the pod row: cells of every column and the Completed row condition") {
  auto pod = object<Pod>(R"({"metadata":{"name":"web","creationTimestamp":"2023-11-14T22:13:20Z"},
    "spec":{"containers":[{"name":"a"}],"nodeName":"node1",
      "readinessGates":[{"conditionType":"example.com/lb"}]},
    "status":{"phase":"Running","podIP":"10.244.0.52","podIPs":[{"ip":"10.244.0.52"}],
      "conditions":[{"type":"example.com/lb","status":"True"}],
      "containerStatuses":[{"name":"a","ready":true,"state":{"running":{}}}]}})");
  auto row = print_row(pod, 7);
  CHECK(row.cells ==
        json::parse(R"(["web","1/1","Running","0","7s","10.244.0.52","node1","<none>","1/1"])"));
  CHECK(row.conditions.empty());

  auto done = object<Pod>(R"({"metadata":{"name":"job-x"},"spec":{"containers":[{"name":"a"}]},
    "status":{"phase":"Succeeded"}})");
  auto done_row = print_row(done);
  CHECK(done_row.cells[3] == "0");
  CHECK(done_row.cells[4] == "<unknown>");
  CHECK(done_row.cells[5] == "<none>");
  CHECK(done_row.cells[8] == "<none>");
  CHECK(done_row.conditions == json::parse(R"([{"type":"Completed","status":"True",
    "reason":"Succeeded","message":"The pod has completed successfully."}])"));
}
