#include "gateway/printers/print_test_support.hpp"
#include "k8s/core/v1/endpoints.pb.h"
#include "k8s/core/v1/service.pb.h"
#include "k8s/discovery/v1/endpoint_slice.pb.h"
#include "k8s/networking/v1/ingress.pb.h"
#include "k8s/networking/v1/network_policy.pb.h"

using namespace kactor::printers;
using namespace kactor::printers::testing;
using k8s::core::v1::Service;

TEST_CASE("services: type, cluster IP, external IP, ports with node ports, selector") {
  auto svc = object<Service>(R"({"metadata":{"name":"web"},
    "spec":{"type":"NodePort","clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],
      "selector":{"app":"web"},
      "ports":[{"port":80,"nodePort":30080,"protocol":"TCP"},{"port":9090,"protocol":"TCP"}]}})");
  CHECK(cells(svc) == json::parse(R"(["web","NodePort","10.96.0.10","<none>",
    "80:30080/TCP,9090/TCP","<unknown>","app=web"])"));
}

TEST_CASE("service external IPs by type") {
  auto lb = object<Service>(R"({"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer"}})");
  CHECK(cells(lb)[3] == "<pending>");
  auto lb_up = object<Service>(R"({"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer",
    "externalIPs":["192.0.2.9"]},"status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.5"},
    {"hostname":"lb.example.com"}]}}})");
  CHECK(cells(lb_up)[3] == "203.0.113.5,lb.example.com,192.0.2.9");
  auto name = object<Service>(
      R"({"metadata":{"name":"db"},"spec":{"type":"ExternalName","externalName":"db.example.com"}})");
  auto c = cells(name);
  CHECK(c[2] == "<none>");
  CHECK(c[3] == "db.example.com");
  CHECK(c[4] == "<none>");
  CHECK(c[6] == "<none>");
  auto ext = object<Service>(
      R"({"metadata":{"name":"e"},"spec":{"type":"ClusterIP","externalIPs":["1.2.3.4","5.6.7.8"]}})");
  CHECK(cells(ext)[3] == "1.2.3.4,5.6.7.8");
}

TEST_CASE("endpoints list ready ip:port pairs, at most three") {
  auto ep = object<k8s::core::v1::Endpoints>(R"({"metadata":{"name":"web"},"subsets":[
    {"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}],"notReadyAddresses":[{"ip":"10.0.0.9"}],
     "ports":[{"port":80},{"port":443}]}]})");
  CHECK(cells(ep)[1] == "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...");
  auto small = object<k8s::core::v1::Endpoints>(R"({"metadata":{"name":"h"},"subsets":[
    {"addresses":[{"ip":"10.0.0.1"},{"ip":"fd00::1"}]}]})");
  CHECK(cells(small)[1] == "10.0.0.1,fd00::1");
  auto v6 = object<k8s::core::v1::Endpoints>(R"({"metadata":{"name":"v6"},"subsets":[
    {"addresses":[{"ip":"fd00::1"}],"ports":[{"port":53}]}]})");
  CHECK(cells(v6)[1] == "[fd00::1]:53");
  auto none = object<k8s::core::v1::Endpoints>(R"({"metadata":{"name":"n"}})");
  CHECK(cells(none)[1] == "<none>");
}

TEST_CASE("endpoint slices: address type, ports and addresses") {
  auto slice = object<k8s::discovery::v1::EndpointSlice>(R"({"metadata":{"name":"web-abc"},
    "addressType":"IPv4","ports":[{"name":"http","port":80},{"name":"x"}],
    "endpoints":[{"addresses":["10.0.0.1"]},{"addresses":["10.0.0.2"]}]})");
  CHECK(cells(slice) == json::parse(R"(["web-abc","IPv4","80,x","10.0.0.1,10.0.0.2",
    "<unknown>"])"));
  auto empty = object<k8s::discovery::v1::EndpointSlice>(R"({"metadata":{"name":"e"}})");
  CHECK(cells(empty)[2] == "<unset>");
}

TEST_CASE("ingresses: class, hosts, address, ports") {
  auto ing = object<k8s::networking::v1::Ingress>(R"({"metadata":{"name":"web"},
    "spec":{"ingressClassName":"nginx","tls":[{"hosts":["a.example.com"]}],
      "rules":[{"host":"a.example.com"},{"host":"b.example.com"},{}]},
    "status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.7"}]}}})");
  CHECK(cells(ing) == json::parse(R"(["web","nginx","a.example.com,b.example.com",
    "203.0.113.7","80, 443","<unknown>"])"));
  auto bare = object<k8s::networking::v1::Ingress>(R"({"metadata":{"name":"b"}})");
  auto c = cells(bare);
  CHECK(c[1] == "<none>");
  CHECK(c[2] == "*");
  CHECK(c[4] == "80");
}

TEST_CASE("ingress classes and network policies") {
  auto ic = object<k8s::networking::v1::IngressClass>(R"({"metadata":{"name":"nginx"},
    "spec":{"controller":"k8s.io/ingress-nginx","parameters":{"apiGroup":"k8s.example.com",
      "kind":"Params","name":"p"}}})");
  CHECK(cells(ic) == json::parse(R"(["nginx","k8s.io/ingress-nginx",
    "Params.k8s.example.com/p","<unknown>"])"));
  auto np = object<k8s::networking::v1::NetworkPolicy>(
      R"({"metadata":{"name":"deny"},"spec":{"podSelector":{}}})");
  CHECK(cells(np)[1] == "<none>");
  auto np2 = object<k8s::networking::v1::NetworkPolicy>(
      R"({"metadata":{"name":"web"},"spec":{"podSelector":{"matchLabels":{"app":"web"}}}})");
  CHECK(cells(np2)[1] == "app=web");
}
