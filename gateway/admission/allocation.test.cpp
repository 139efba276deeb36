#include "gateway/admission/allocation.hpp"

#include <doctest/doctest.h>

using namespace kactor::admission;

TEST_CASE("ip_in_cidr") {
  CHECK(ip_in_cidr("10.96.0.10", "10.96.0.0/12"));
  CHECK(ip_in_cidr("10.111.255.255", "10.96.0.0/12"));
  CHECK_FALSE(ip_in_cidr("10.112.0.0", "10.96.0.0/12"));
  CHECK_FALSE(ip_in_cidr("1.2.3.4", "10.96.0.0/12"));
  CHECK_FALSE(ip_in_cidr("10.96.0.x", "10.96.0.0/12"));
  CHECK_FALSE(ip_in_cidr("10.96.0.1", "10.96.0.0/33"));
}

TEST_CASE("cluster IPs skip network, .1 and broadcast, and exhaust") {
  std::set<std::string> used;
  for (std::uint64_t seed = 0; seed < 5; ++seed) {
    auto ip = allocate_cluster_ip(used, "192.168.5.0/29", seed);
    REQUIRE(ip);
    CHECK(ip_in_cidr(*ip, "192.168.5.0/29"));
    CHECK(*ip != "192.168.5.0");
    CHECK(*ip != "192.168.5.1");
    CHECK(*ip != "192.168.5.7");
    CHECK(used.insert(*ip).second);
  }
  CHECK(used.size() == 5);
  CHECK_FALSE(allocate_cluster_ip(used, "192.168.5.0/29", 99));
  CHECK_FALSE(allocate_cluster_ip({}, "bad", 1));
  CHECK(allocate_cluster_ip({}, "10.96.0.0/12", 0) == "10.96.0.2");
}

TEST_CASE("node ports: range, probing, exhaustion") {
  std::set<int> used{30000, 30001};
  CHECK(allocate_node_port(used, 0) == 30002);
  CHECK(allocate_node_port(used, 2767) == 32767);
  std::set<int> all{40000, 40001, 40002};
  CHECK_FALSE(allocate_node_port(all, 7, 40000, 40002));
}

TEST_CASE("service allocation assigns, checks requests and reports conflicts") {
  std::set<std::string> ips{"10.96.0.10"};
  std::set<int> ports{30080};
  k8s::core::v1::Service svc;
  svc.mutable_spec()->set_type("NodePort");
  svc.mutable_spec()->add_ports()->set_port(80);
  svc.mutable_spec()->add_ports()->set_port(81);
  svc.mutable_spec()->mutable_ports(1)->set_nodeport(30081);
  CHECK(allocate_service_addresses(svc, ips, ports, "10.96.0.0/12", 42).empty());
  CHECK(ip_in_cidr(svc.spec().clusterip(), "10.96.0.0/12"));
  CHECK(svc.spec().clusterips(0) == svc.spec().clusterip());
  CHECK(svc.spec().ports(0).nodeport() >= 30000);
  CHECK(svc.spec().ports(1).nodeport() == 30081);
  CHECK(ports.contains(30081));
  CHECK(ips.contains(svc.spec().clusterip()));

  k8s::core::v1::Service taken;
  taken.mutable_spec()->set_type("NodePort");
  taken.mutable_spec()->set_clusterip("10.96.0.10");
  taken.mutable_spec()->add_ports()->set_nodeport(30080);
  auto errors = allocate_service_addresses(taken, ips, ports, "10.96.0.0/12", 1);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].text() ==
        "spec.clusterIPs: Invalid value: []string{\"10.96.0.10\"}: failed to allocate IP "
        "10.96.0.10: provided IP is already allocated");
  CHECK(errors[1].text() ==
        "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated");

  k8s::core::v1::Service outside;
  outside.mutable_spec()->set_type("NodePort");
  outside.mutable_spec()->set_clusterip("1.2.3.4");
  outside.mutable_spec()->add_ports()->set_nodeport(80);
  errors = allocate_service_addresses(outside, ips, ports, "10.96.0.0/12", 1);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].text() ==
        "spec.clusterIPs: Invalid value: []string{\"1.2.3.4\"}: failed to allocate IP 1.2.3.4: "
        "provided IP (1.2.3.4) is not in the valid range. The range of valid IPs is 10.96.0.0/12");
  CHECK(errors[1].text() ==
        "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The "
        "range of valid ports is 30000-32767");
}

TEST_CASE("headless and ExternalName services get no IP; a full range is an internal error") {
  std::set<std::string> ips;
  std::set<int> ports;
  k8s::core::v1::Service headless;
  headless.mutable_spec()->set_clusterip("None");
  CHECK(allocate_service_addresses(headless, ips, ports, "10.96.0.0/12", 1).empty());
  CHECK(ips.empty());
  k8s::core::v1::Service svc;
  std::set<std::string> full{"10.0.0.2"};
  auto errors = allocate_service_addresses(svc, full, ports, "10.0.0.0/30", 1);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].type == "InternalError");
}

TEST_CASE("carry_allocated_values keeps what a PUT left out") {
  k8s::core::v1::Service old;
  old.mutable_spec()->set_type("NodePort");
  old.mutable_spec()->set_clusterip("10.96.0.7");
  old.mutable_spec()->add_clusterips("10.96.0.7");
  auto* port = old.mutable_spec()->add_ports();
  port->set_name("http");
  port->set_nodeport(30007);
  k8s::core::v1::Service svc;
  svc.mutable_spec()->set_type("NodePort");
  svc.mutable_spec()->add_ports()->set_name("http");
  carry_allocated_values(svc, old);
  CHECK(svc.spec().clusterip() == "10.96.0.7");
  CHECK(svc.spec().clusterips(0) == "10.96.0.7");
  CHECK(svc.spec().ports(0).nodeport() == 30007);
}
