#include "gateway/printers/print_test_support.hpp"
#include "k8s/autoscaling/v1/horizontal_pod_autoscaler.pb.h"
#include "k8s/autoscaling/v2/horizontal_pod_autoscaler.pb.h"
#include "k8s/policy/v1/disruption.pb.h"
#include "k8s/rbac/v1/rbac.pb.h"

using namespace kactor::printers;
using namespace kactor::printers::testing;

TEST_CASE("horizontal pod autoscalers: reference, targets, min/max, replicas") {
  auto v2 = object<k8s::autoscaling::v2::HorizontalPodAutoscaler>(R"({"metadata":{"name":"web"},
    "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web","apiVersion":"apps/v1"},
      "minReplicas":2,"maxReplicas":10,"metrics":[
        {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}},
        {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"512Mi"}}},
        {"type":"Pods","pods":{"metric":{"name":"qps"},"target":{"type":"AverageValue","averageValue":"10"}}}]},
    "status":{"currentReplicas":3,"currentMetrics":[
      {"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":45}}}]}})");
  CHECK(cells(v2) == json::parse(R"(["web","Deployment/web",
    "cpu: 45%/80%, memory: <unknown>/512Mi + 1 more...","2",10,3,"<unknown>"])"));
  auto v1 = object<k8s::autoscaling::v1::HorizontalPodAutoscaler>(R"({"metadata":{"name":"w"},
    "spec":{"scaleTargetRef":{"kind":"Deployment","name":"w"},"maxReplicas":5,
      "targetCPUUtilizationPercentage":50}})");
  CHECK(cells(v1) == json::parse(R"(["w","Deployment/w","cpu: <unknown>/50%","<unset>",5,0,
    "<unknown>"])"));
  auto none = object<k8s::autoscaling::v2::HorizontalPodAutoscaler>(
      R"({"metadata":{"name":"n"},"spec":{"maxReplicas":1}})");
  CHECK(cells(none)[2] == "<none>");
}

TEST_CASE("pod disruption budgets and role bindings") {
  auto pdb = object<k8s::policy::v1::PodDisruptionBudget>(R"({"metadata":{"name":"web"},
    "spec":{"minAvailable":"50%"},"status":{"disruptionsAllowed":1}})");
  CHECK(cells(pdb) == json::parse(R"(["web","50%","N/A",1,"<unknown>"])"));
  auto rb = object<k8s::rbac::v1::RoleBinding>(R"({"metadata":{"name":"read"},
    "roleRef":{"kind":"Role","name":"reader","apiGroup":"rbac.authorization.k8s.io"},
    "subjects":[{"kind":"User","name":"alice"},{"kind":"Group","name":"devs"},
      {"kind":"ServiceAccount","name":"web","namespace":"shop"},{"kind":"User","name":"bob"}]})");
  CHECK(cells(rb) == json::parse(R"(["read","Role/reader","<unknown>","alice, bob","devs",
    "shop/web"])"));
}
