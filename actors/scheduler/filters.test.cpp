#include "actors/scheduler/filters.hpp"

#include <doctest/doctest.h>

#include "actors/scheduler/scheduler_testing.hpp"

using namespace kactor::scheduler;
using testing::add_taint;
using testing::from_yaml;
using testing::make_node;
using testing::make_pod;

namespace {

// The single node of a snapshot holding `node` and `pods`.
struct one_node {
  cluster_snapshot snapshot;
  explicit one_node(k8s::core::v1::Node node, std::vector<k8s::core::v1::Pod> pods = {})
      : snapshot(cluster_snapshot::from_lists({std::move(node)}, pods)) {}
  const node_info& node() const { return snapshot.node_at(0); }
};

std::vector<std::string> reasons(const filter_status& s) {
  return s.reasons;
}

}  // namespace

TEST_CASE("NodeName") {
  one_node n(make_node("a"));
  CHECK(filter_node_name(*make_pod_info(make_pod("p")), n.node()).ok());
  CHECK(filter_node_name(*make_pod_info(make_pod("p", "", "", "a")), n.node()).ok());
  auto s = filter_node_name(*make_pod_info(make_pod("p", "", "", "b")), n.node());
  CHECK(s.code == filter_code::unresolvable);
  CHECK(reasons(s) == std::vector<std::string>{"node(s) didn't match the requested node name"});
}

TEST_CASE("NodeUnschedulable: cordoned nodes refuse pods that do not tolerate it") {
  auto node = make_node("a");
  node.mutable_spec()->set_unschedulable(true);
  one_node n(node);
  auto pod = make_pod("p");
  auto s = filter_node_unschedulable(*make_pod_info(pod), n.node());
  CHECK(s.code == filter_code::unresolvable);
  CHECK(reasons(s) == std::vector<std::string>{"node(s) were unschedulable"});
  auto* t = pod.mutable_spec()->add_tolerations();
  t->set_key("node.kubernetes.io/unschedulable");
  t->set_operator_("Exists");
  t->set_effect("NoSchedule");
  CHECK(filter_node_unschedulable(*make_pod_info(pod), n.node()).ok());
  CHECK(filter_node_unschedulable(*make_pod_info(make_pod("p")), one_node(make_node("b")).node())
            .ok());
}

TEST_CASE("NodeResourcesFit compares requests with what is left") {
  one_node n(make_node("a", "2", "4Gi", "3"),
             {make_pod("x", "1500m", "1Gi", "a"), make_pod("y", "", "", "a")});
  CHECK(filter_node_resources_fit(*make_pod_info(make_pod("p", "500m", "3Gi")), n.node()).ok());

  auto s = filter_node_resources_fit(*make_pod_info(make_pod("p", "501m", "3Gi")), n.node());
  CHECK(s.code == filter_code::unschedulable);
  CHECK(reasons(s) == std::vector<std::string>{"Insufficient cpu"});

  s = filter_node_resources_fit(*make_pod_info(make_pod("p", "1", "4Gi")), n.node());
  CHECK(reasons(s) == std::vector<std::string>{"Insufficient cpu", "Insufficient memory"});

  SUBCASE("a request bigger than the whole node is unresolvable") {
    s = filter_node_resources_fit(*make_pod_info(make_pod("p", "3")), n.node());
    CHECK(s.code == filter_code::unresolvable);
  }
  SUBCASE("the pods allocatable counts the node's pods") {
    one_node full(make_node("a", "2", "4Gi", "2"),
                  {make_pod("x", "", "", "a"), make_pod("y", "", "", "a")});
    s = filter_node_resources_fit(*make_pod_info(make_pod("p", "100m")), full.node());
    CHECK(reasons(s) == std::vector<std::string>{"Too many pods"});
    s = filter_node_resources_fit(*make_pod_info(make_pod("p")), full.node());
    CHECK(reasons(s) == std::vector<std::string>{"Too many pods"});
  }
}

TEST_CASE("NodeResourcesFit checks extended resources by name") {
  auto node = make_node("gpu-node");
  (*node.mutable_status()->mutable_allocatable())["nvidia.com/gpu"].set_string("1");
  one_node with_gpu(node);
  one_node without(make_node("cpu-node"));
  auto pod = make_pod("train", "1");
  (*pod.mutable_spec()
        ->mutable_containers(0)
        ->mutable_resources()
        ->mutable_requests())["nvidia.com/gpu"]
      .set_string("1");
  auto info = make_pod_info(pod);
  CHECK(filter_node_resources_fit(*info, with_gpu.node()).ok());
  auto s = filter_node_resources_fit(*info, without.node());
  CHECK(reasons(s) == std::vector<std::string>{"Insufficient nvidia.com/gpu"});
}

TEST_CASE("NodeAffinity: nodeSelector and required terms") {
  auto node = make_node("a");
  auto& labels = *node.mutable_metadata()->mutable_labels();
  labels["disktype"] = "ssd";
  labels["zone"] = "z1";
  labels["cores"] = "16";
  one_node n(node);
  auto fits = [&](std::string_view spec_yaml) {
    auto pod = from_yaml<k8s::core::v1::Pod>(std::string(R"(
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: host}]
)") + std::string(spec_yaml));
    return filter_node_affinity(*make_pod_info(pod), n.node());
  };
  CHECK(fits("").ok());
  CHECK(fits("  nodeSelector: {disktype: ssd}\n").ok());
  auto s = fits("  nodeSelector: {disktype: hdd}\n");
  CHECK(s.code == filter_code::unresolvable);
  CHECK(reasons(s) ==
        std::vector<std::string>{"node(s) didn't match Pod's node affinity/selector"});
  auto required = [](std::string_view terms) {
    return "  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n"
           "        nodeSelectorTerms:\n" +
           std::string(terms);
  };
  CHECK(
      fits(required("        - matchExpressions: [{key: zone, operator: In, values: [z1, z2]}]\n"))
          .ok());
  CHECK_FALSE(
      fits(required("        - matchExpressions: [{key: zone, operator: NotIn, values: [z1]}]\n"))
          .ok());
  CHECK(fits(required("        - matchExpressions: [{key: gpu, operator: DoesNotExist}]\n")).ok());
  CHECK(fits(required("        - matchExpressions: [{key: cores, operator: Gt, values: ['8']}]\n"))
            .ok());
  CHECK_FALSE(
      fits(required("        - matchExpressions: [{key: cores, operator: Lt, values: ['8']}]\n"))
          .ok());
  // Terms are ORed; the requirements inside one are ANDed.
  CHECK(fits(required("        - matchExpressions: [{key: zone, operator: In, values: [z9]}]\n"
                      "        - matchFields: [{key: metadata.name, operator: In, values: [a]}]\n"))
            .ok());
  CHECK_FALSE(fits(required("        - matchExpressions: [{key: zone, operator: Exists},"
                            " {key: disktype, operator: In, values: [hdd]}]\n"))
                  .ok());
  // Both the selector and the affinity must hold.
  CHECK_FALSE(fits("  nodeSelector: {disktype: hdd}\n" +
                   required("        - matchExpressions: [{key: zone, operator: Exists}]\n"))
                  .ok());
}

TEST_CASE("TaintToleration names the first untolerated NoSchedule or NoExecute taint") {
  auto node = make_node("a");
  add_taint(node, "soft", "", "PreferNoSchedule");
  add_taint(node, "node.kubernetes.io/not-ready", "", "NoExecute");
  add_taint(node, "dedicated", "gpu", "NoSchedule");
  one_node n(node);
  auto pod = make_pod("p");
  auto s = filter_taint_toleration(*make_pod_info(pod), n.node());
  CHECK(s.code == filter_code::unresolvable);
  CHECK(reasons(s) ==
        std::vector<std::string>{"node(s) had untolerated taint {node.kubernetes.io/not-ready: }"});

  auto* t = pod.mutable_spec()->add_tolerations();
  t->set_key("node.kubernetes.io/not-ready");
  t->set_operator_("Exists");
  t->set_effect("NoExecute");
  s = filter_taint_toleration(*make_pod_info(pod), n.node());
  CHECK(reasons(s) == std::vector<std::string>{"node(s) had untolerated taint {dedicated: gpu}"});

  auto* eq = pod.mutable_spec()->add_tolerations();
  eq->set_key("dedicated");
  eq->set_value("cpu");  // Equal compares values: does not tolerate gpu
  CHECK_FALSE(filter_taint_toleration(*make_pod_info(pod), n.node()).ok());
  eq->set_value("gpu");
  CHECK(filter_taint_toleration(*make_pod_info(pod), n.node()).ok());

  auto all = make_pod("tolerates-everything");
  all.mutable_spec()->add_tolerations()->set_operator_("Exists");
  CHECK(filter_taint_toleration(*make_pod_info(all), n.node()).ok());
}

TEST_CASE("NodePorts: a host port conflicts on the same protocol and address or 0.0.0.0") {
  auto with_port = [](std::string name, int port, std::string ip, std::string protocol,
                      std::string node) {
    auto pod = make_pod(name, "", "", node);
    auto* p = pod.mutable_spec()->mutable_containers(0)->add_ports();
    p->set_containerport(80);
    p->set_hostport(port);
    if (!ip.empty()) p->set_hostip(ip);
    if (!protocol.empty()) p->set_protocol(protocol);
    return pod;
  };
  one_node n(make_node("a"), {with_port("used", 8080, "127.0.0.1", "", "a")});
  auto check = [&](int port, std::string ip, std::string protocol) {
    return filter_node_ports(*make_pod_info(with_port("p", port, ip, protocol, "")), n.node());
  };
  CHECK(check(8081, "", "").ok());
  CHECK(check(8080, "", "UDP").ok());
  CHECK(check(8080, "127.0.0.2", "").ok());
  auto s = check(8080, "", "");  // 0.0.0.0 overlaps 127.0.0.1
  CHECK(s.code == filter_code::unschedulable);
  CHECK(reasons(s) ==
        std::vector<std::string>{"node(s) didn't have free ports for the requested pod ports"});
  CHECK_FALSE(check(8080, "127.0.0.1", "TCP").ok());
  CHECK(filter_node_ports(*make_pod_info(make_pod("no-ports")), n.node()).ok());
}
