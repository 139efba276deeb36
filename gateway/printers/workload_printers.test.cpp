#include "gateway/printers/print_test_support.hpp"
#include "k8s/apps/v1/daemon_set.pb.h"
#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/apps/v1/stateful_set.pb.h"
#include "k8s/batch/v1/cron_job.pb.h"
#include "k8s/batch/v1/job.pb.h"
#include "k8s/core/v1/misc.pb.h"

using namespace kactor::printers;
using namespace kactor::printers::testing;

TEST_CASE("deployments: ready/desired, up-to-date, available, containers, selector") {
  auto d = object<k8s::apps::v1::Deployment>(R"({
    "metadata":{"name":"web","creationTimestamp":"2023-11-14T22:13:20Z"},
    "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
      "template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"},
                                        {"name":"log","image":"busybox"}]}}},
    "status":{"replicas":3,"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}})");
  CHECK(cells(d, 3 * 3600 + 240) == json::parse(R"(["web","2/3",3,2,"3h4m","nginx,log",
    "nginx:1.27,busybox","app=web"])"));
  auto defaults = object<k8s::apps::v1::Deployment>(R"({"metadata":{"name":"x"}})");
  CHECK(cells(defaults) == json::parse(R"(["x","0/1",0,0,"<unknown>","","",""])"));
}

TEST_CASE("replica sets and replication controllers: desired, current, ready") {
  auto rs = object<k8s::apps::v1::ReplicaSet>(R"({"metadata":{"name":"web-5d4f"},
    "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web","pod-template-hash":"5d4f"}},
      "template":{"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}},
    "status":{"replicas":2,"readyReplicas":1}})");
  CHECK(cells(rs) == json::parse(R"(["web-5d4f",2,2,1,"<unknown>","nginx","nginx",
    "app=web,pod-template-hash=5d4f"])"));
  auto rc = object<k8s::core::v1::ReplicationController>(
      R"({"metadata":{"name":"old"},"spec":{"replicas":0,"selector":{"b":"2","a":"1"}}})");
  CHECK(cells(rc) == json::parse(R"(["old",0,0,0,"<unknown>","","","a=1,b=2"])"));
}

TEST_CASE("daemon sets show scheduling counts and the node selector") {
  auto ds = object<k8s::apps::v1::DaemonSet>(R"({"metadata":{"name":"agent"},
    "spec":{"selector":{"matchLabels":{"app":"agent"}},
      "template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux"},
        "containers":[{"name":"a","image":"agent:1"}]}}},
    "status":{"desiredNumberScheduled":3,"currentNumberScheduled":3,"numberReady":2,
      "updatedNumberScheduled":3,"numberAvailable":2}})");
  CHECK(cells(ds) == json::parse(R"(["agent",3,3,2,3,2,"kubernetes.io/os=linux","<unknown>",
    "a","agent:1","app=agent"])"));
  auto bare = object<k8s::apps::v1::DaemonSet>(R"({"metadata":{"name":"b"}})");
  CHECK(cells(bare)[6] == "<none>");
}

TEST_CASE("stateful sets show ready/desired") {
  auto sts = object<k8s::apps::v1::StatefulSet>(
      R"({"metadata":{"name":"db"},"spec":{"replicas":3},"status":{"readyReplicas":3}})");
  CHECK(cells(sts) == json::parse(R"(["db","3/3","<unknown>","",""])"));
}

TEST_CASE("jobs: status from conditions, completions and duration") {
  auto running = object<k8s::batch::v1::Job>(R"({"metadata":{"name":"report"},
    "spec":{"completions":3,"selector":{"matchLabels":{"job":"report"}}},
    "status":{"succeeded":1,"startTime":"2023-11-14T22:13:20Z"}})");
  auto c = cells(running, 90);
  CHECK(c[1] == "Running");
  CHECK(c[2] == "1/3");
  CHECK(c[3] == "90s");
  CHECK(c[7] == "job=report");

  auto complete = object<k8s::batch::v1::Job>(R"({"metadata":{"name":"done"},
    "status":{"succeeded":1,"startTime":"2023-11-14T22:13:20Z",
      "completionTime":"2023-11-14T22:14:25Z",
      "conditions":[{"type":"Complete","status":"True"}]}})");
  c = cells(complete, 3600);
  CHECK(c[1] == "Complete");
  CHECK(c[2] == "1/1");
  CHECK(c[3] == "65s");

  auto parallel = object<k8s::batch::v1::Job>(
      R"({"metadata":{"name":"p"},"spec":{"parallelism":4},
          "status":{"conditions":[{"type":"Failed","status":"True"}]}})");
  c = cells(parallel);
  CHECK(c[1] == "Failed");
  CHECK(c[2] == "0/1 of 4");
  CHECK(c[3] == "");

  auto suspended = object<k8s::batch::v1::Job>(
      R"({"metadata":{"name":"s"},"status":{"conditions":[{"type":"Suspended","status":"True"},
          {"type":"Complete","status":"False"}]}})");
  CHECK(cells(suspended)[1] == "Suspended");
  auto deleting = object<k8s::batch::v1::Job>(
      R"({"metadata":{"name":"t","deletionTimestamp":"2023-11-14T22:13:20Z"}})");
  CHECK(cells(deleting)[1] == "Terminating");
}

TEST_CASE("cron jobs: schedule, time zone, suspend, active jobs, last schedule") {
  auto cj = object<k8s::batch::v1::CronJob>(R"({"metadata":{"name":"cleanup"},
    "spec":{"schedule":"*/5 * * * *","suspend":false,
      "jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"busybox"}]}}}}},
    "status":{"active":[{"name":"cleanup-1"}],"lastScheduleTime":"2023-11-14T22:13:20Z"}})");
  CHECK(cells(cj, 30) == json::parse(R"(["cleanup","*/5 * * * *","<none>","False",1,"30s",
    "<unknown>","c","busybox",""])"));
  auto bare = object<k8s::batch::v1::CronJob>(
      R"({"metadata":{"name":"b"},"spec":{"schedule":"@daily","timeZone":"Etc/UTC"}})");
  auto c = cells(bare);
  CHECK(c[2] == "Etc/UTC");
  CHECK(c[3] == "<unset>");
  CHECK(c[5] == "<none>");
}

TEST_CASE("controller revisions name their controller") {
  auto cr = object<k8s::apps::v1::ControllerRevision>(R"({"metadata":{"name":"agent-1",
    "ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"agent","uid":"u",
                        "controller":true}]},"revision":2})");
  CHECK(cells(cr) == json::parse(R"(["agent-1","daemonset.apps/agent",2,"<unknown>"])"));
}
