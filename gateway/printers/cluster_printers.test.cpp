#include "gateway/printers/print_test_support.hpp"
#include "k8s/coordination/v1/lease.pb.h"
#include "k8s/core/v1/event.pb.h"
#include "k8s/core/v1/namespace.pb.h"
#include "k8s/core/v1/node.pb.h"
#include "k8s/events/v1/event.pb.h"
#include "k8s/scheduling/v1/priority_class.pb.h"

using namespace kactor::printers;
using namespace kactor::printers::testing;

TEST_CASE("nodes: status from the Ready condition, cordon, roles, version and wide cells") {
  auto node = object<k8s::core::v1::Node>(R"({"metadata":{"name":"node1",
      "creationTimestamp":"2023-11-14T22:13:20Z",
      "labels":{"node-role.kubernetes.io/control-plane":"","node-role.kubernetes.io/":"x",
                "kubernetes.io/role":"edge"}},
    "spec":{"unschedulable":true},
    "status":{"conditions":[{"type":"MemoryPressure","status":"False"},
                            {"type":"Ready","status":"True"}],
      "addresses":[{"type":"InternalIP","address":"192.168.1.10"},{"type":"Hostname","address":"n1"}],
      "nodeInfo":{"kubeletVersion":"v1.32.0-kactor","osImage":"Debian GNU/Linux 12",
                  "kernelVersion":"6.1.0","containerRuntimeVersion":"kactor://0.1.0"}}})");
  CHECK(cells(node, 2 * 86400 + 3 * 3600) ==
        json::parse(R"(["node1","Ready,SchedulingDisabled","control-plane,edge","2d3h",
      "v1.32.0-kactor","192.168.1.10","<none>","Debian GNU/Linux 12","6.1.0","kactor://0.1.0"])"));
  auto fresh = object<k8s::core::v1::Node>(R"({"metadata":{"name":"n2"}})");
  CHECK(cells(fresh) == json::parse(R"(["n2","Unknown","<none>","<unknown>","","<none>",
    "<none>","<unknown>","<unknown>","<unknown>"])"));
  auto down = object<k8s::core::v1::Node>(
      R"({"metadata":{"name":"n3"},"status":{"conditions":[{"type":"Ready","status":"Unknown"}]}})");
  CHECK(cells(down)[1] == "NotReady");
}

TEST_CASE("namespaces show their phase") {
  auto ns = object<k8s::core::v1::Namespace>(
      R"({"metadata":{"name":"shop"},"status":{"phase":"Active"}})");
  CHECK(cells(ns) == json::parse(R"(["shop","Active","<unknown>"])"));
}

TEST_CASE("events: last seen, type, reason, object and the wide columns") {
  auto ev = object<k8s::core::v1::Event>(R"({"metadata":{"name":"web.1799"},
    "involvedObject":{"kind":"Pod","name":"web","fieldPath":"spec.containers{nginx}"},
    "reason":"Pulled","message":"  Container image already present\n","type":"Normal",
    "source":{"component":"kubelet","host":"node1"},
    "firstTimestamp":"2023-11-14T22:13:20Z","lastTimestamp":"2023-11-14T22:14:20Z","count":4})");
  CHECK(cells(ev, 120) == json::parse(R"(["60s","Normal","Pulled","pod/web",
    "spec.containers{nginx}","kubelet, node1","Container image already present","2m",4,
    "web.1799"])"));
  auto fresh = object<k8s::core::v1::Event>(R"({"metadata":{"name":"e"},
    "involvedObject":{"kind":"Node"},"eventTime":"2023-11-14T22:13:20.500000Z",
    "reportingComponent":"kactor-scheduler"})");
  auto c = cells(fresh, 10);
  CHECK(c[0] == "9s");
  CHECK(c[3] == "node");
  CHECK(c[5] == "kactor-scheduler");
  CHECK(c[8] == 1);
  auto series = object<k8s::core::v1::Event>(R"({"metadata":{"name":"s"},
    "involvedObject":{"kind":"Pod","name":"p"},"eventTime":"2023-11-14T22:13:20.000000Z",
    "series":{"count":7,"lastObservedTime":"2023-11-14T22:13:25.000000Z"}})");
  c = cells(series, 30);
  CHECK(c[0] == "25s");
  CHECK(c[8] == 7);
}

TEST_CASE("events.k8s.io events print like core events") {
  auto ev = object<k8s::events::v1::Event>(R"({"metadata":{"name":"e"},
    "regarding":{"kind":"Deployment","name":"web"},"reason":"ScalingReplicaSet",
    "note":"Scaled up","type":"Normal","reportingController":"deployment-controller",
    "eventTime":"2023-11-14T22:13:20.000000Z"})");
  CHECK(cells(ev, 5) == json::parse(R"(["5s","Normal","ScalingReplicaSet","deployment/web","",
    "deployment-controller","Scaled up","5s",1,"e"])"));
}

TEST_CASE("leases and priority classes") {
  auto lease = object<k8s::coordination::v1::Lease>(
      R"({"metadata":{"name":"node1"},"spec":{"holderIdentity":"node1"}})");
  CHECK(cells(lease) == json::parse(R"(["node1","node1","<unknown>"])"));
  auto pc = object<k8s::scheduling::v1::PriorityClass>(
      R"({"metadata":{"name":"high"},"value":1000,"globalDefault":false,
          "preemptionPolicy":"Never"})");
  CHECK(cells(pc) == json::parse(R"(["high",1000,false,"<unknown>","Never"])"));
}
