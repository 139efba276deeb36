// Printers of the networking kinds: services, endpoints, endpoint slices, ingresses, ingress
// classes and network policies.
#include "gateway/printers/cells.hpp"
#include "gateway/selectors/label_selector.hpp"
#include "k8s/core/v1/endpoints.pb.h"
#include "k8s/core/v1/service.pb.h"
#include "k8s/discovery/v1/endpoint_slice.pb.h"
#include "k8s/networking/v1/ingress.pb.h"
#include "k8s/networking/v1/network_policy.pb.h"

namespace kactor::printers {
namespace {

using google::protobuf::Message;

// The first `max` items joined by ",", then " + N more..." (N counts the rest); `empty`
// when there are none.
std::string list_with_more(const std::vector<std::string>& items, std::size_t total,
                           std::size_t max, std::string_view empty) {
  std::vector<std::string> shown(items.begin(), items.begin() + std::min(items.size(), max));
  auto text = join(shown, ",");
  if (total > max) return text + " + " + std::to_string(total - max) + " more...";
  return text.empty() ? std::string(empty) : text;
}

// Load-balancer ingress points: each one's IP, else its hostname.
template <class Ingresses>
std::string load_balancer_text(const Ingresses& ingress) {
  std::vector<std::string> points;
  for (const auto& i : ingress) {
    if (!i.ip().empty()) {
      points.push_back(i.ip());
    } else if (!i.hostname().empty()) {
      points.push_back(i.hostname());
    }
  }
  return join(points, ",");
}

std::string external_ip(const k8s::core::v1::Service& svc) {
  const auto& spec = svc.spec();
  std::vector<std::string> external(spec.externalips().begin(), spec.externalips().end());
  const auto& type = spec.type();
  if (type.empty() || type == "ClusterIP" || type == "NodePort") {
    return external.empty() ? "<none>" : join(external, ",");
  }
  if (type == "LoadBalancer") {
    auto lb = load_balancer_text(svc.status().loadbalancer().ingress());
    if (!external.empty()) return lb.empty() ? join(external, ",") : lb + "," + join(external, ",");
    return lb.empty() ? "<pending>" : lb;
  }
  if (type == "ExternalName") return spec.externalname();
  return "<unknown>";
}

// "80/TCP", "80:30080/TCP" for node ports, joined by ",".
std::string service_ports(const k8s::core::v1::ServiceSpec& spec) {
  std::vector<std::string> ports;
  for (const auto& p : spec.ports()) {
    auto text = std::to_string(p.port());
    if (p.nodeport() > 0) text.append(":").append(std::to_string(p.nodeport()));
    ports.push_back(text + "/" + p.protocol());
  }
  return or_none(join(ports, ","));
}

void service_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::core::v1::Service> svc(object);
  const auto& spec = svc->spec();
  std::string cluster_ip = spec.clusterips_size() > 0 ? spec.clusterips(0) : spec.clusterip();
  out.cells.push_back(svc->metadata().name());
  out.cells.push_back(spec.type());
  out.cells.push_back(or_none(std::move(cluster_ip)));
  out.cells.push_back(external_ip(*svc));
  out.cells.push_back(service_ports(spec));
  out.cells.push_back(age_of(object, context));
  out.cells.push_back(format_labels(spec.selector()));
}

// Ready addresses as "ip:port" per port (bare IPs for port-less subsets), at most 3 shown.
std::string endpoints_text(const k8s::core::v1::Endpoints& ep) {
  if (ep.subsets().empty()) return "<none>";
  constexpr std::size_t max = 3;
  std::vector<std::string> shown;
  std::size_t total = 0;
  auto host_port = [](const std::string& ip, std::int32_t port) {
    bool v6 = ip.find(':') != std::string::npos;
    return (v6 ? "[" + ip + "]" : ip) + ":" + std::to_string(port);
  };
  for (const auto& subset : ep.subsets()) {
    if (subset.ports().empty()) {
      total += subset.addresses_size();
      for (const auto& a : subset.addresses()) {
        if (shown.size() < max) shown.push_back(a.ip());
      }
      continue;
    }
    for (const auto& port : subset.ports()) {
      total += subset.addresses_size();
      for (const auto& a : subset.addresses()) {
        if (shown.size() < max) shown.push_back(host_port(a.ip(), port.port()));
      }
    }
  }
  return list_with_more(shown, total, max, "<none>");
}

void endpoints_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::core::v1::Endpoints> ep(object);
  out.cells.push_back(ep->metadata().name());
  out.cells.push_back(endpoints_text(*ep));
  out.cells.push_back(age_of(object, context));
}

void endpoint_slice_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::discovery::v1::EndpointSlice> slice(object);
  constexpr std::size_t max = 3;
  std::vector<std::string> ports;
  for (const auto& p : slice->ports()) {
    ports.push_back(p.has_port() ? std::to_string(p.port()) : p.has_name() ? p.name() : "*");
  }
  std::vector<std::string> addresses;
  for (const auto& e : slice->endpoints()) {
    addresses.insert(addresses.end(), e.addresses().begin(), e.addresses().end());
  }
  out.cells.push_back(slice->metadata().name());
  out.cells.push_back(slice->addresstype());
  out.cells.push_back(list_with_more(ports, ports.size(), max, "<unset>"));
  out.cells.push_back(list_with_more(addresses, addresses.size(), max, "<unset>"));
  out.cells.push_back(age_of(object, context));
}

// Up to 4 rule hosts, "*" when no rule names one.
std::string ingress_hosts(const k8s::networking::v1::IngressSpec& spec) {
  constexpr std::size_t max = 4;
  std::vector<std::string> hosts;
  for (const auto& rule : spec.rules()) {
    if (hosts.size() < max && !rule.host().empty()) hosts.push_back(rule.host());
  }
  if (hosts.empty()) return "*";
  auto text = join(hosts, ",");
  if (static_cast<std::size_t>(spec.rules_size()) > max) {
    text += " + " + std::to_string(spec.rules_size() - max) + " more...";
  }
  return text;
}

void ingress_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::networking::v1::Ingress> ing(object);
  const auto& spec = ing->spec();
  out.cells.push_back(ing->metadata().name());
  out.cells.push_back(spec.has_ingressclassname() ? spec.ingressclassname() : "<none>");
  out.cells.push_back(ingress_hosts(spec));
  out.cells.push_back(load_balancer_text(ing->status().loadbalancer().ingress()));
  out.cells.push_back(spec.tls().empty() ? "80" : "80, 443");
  out.cells.push_back(age_of(object, context));
}

void ingress_class_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::networking::v1::IngressClass> ic(object);
  std::string parameters = "<none>";
  if (ic->spec().has_parameters()) {
    const auto& p = ic->spec().parameters();
    parameters = p.kind();
    if (p.has_apigroup()) parameters += "." + p.apigroup();
    parameters += "/" + p.name();
  }
  out.cells.push_back(ic->metadata().name());
  out.cells.push_back(ic->spec().controller());
  out.cells.push_back(std::move(parameters));
  out.cells.push_back(age_of(object, context));
}

void network_policy_row(const Message& object, const print_context& context, row_output& out) {
  typed<k8s::networking::v1::NetworkPolicy> np(object);
  out.cells.push_back(np->metadata().name());
  out.cells.push_back(selectors::format_label_selector(np->spec().podselector()));
  out.cells.push_back(age_of(object, context));
}

}  // namespace

void add_network_printers(printer_map& printers) {
  printers["k8s.core.v1.Service"] = {
      {name_column,
       {"Type", "string", "", "How the service is exposed.", 0},
       {"Cluster-IP", "string", "", "The virtual IP of the service inside the cluster.", 0},
       {"External-IP", "string", "", "Addresses the service is reachable at from outside.", 0},
       {"Port(s)", "string", "", "The ports the service exposes.", 0},
       age_column,
       {"Selector", "string", "", "The labels of the pods traffic is routed to.", 1}},
      service_row};
  printers["k8s.core.v1.Endpoints"] = {
      {name_column,
       {"Endpoints", "string", "", "The ready addresses and ports behind the service.", 0},
       age_column},
      endpoints_row};
  printers["k8s.discovery.v1.EndpointSlice"] = {
      {name_column,
       {"AddressType", "string", "", "The type of the addresses of this slice.", 0},
       {"Ports", "string", "", "The ports of this slice.", 0},
       {"Endpoints", "string", "", "The addresses of this slice.", 0},
       age_column},
      endpoint_slice_row};
  printers["k8s.networking.v1.Ingress"] = {
      {name_column,
       {"Class", "string", "", "The ingress class that implements this ingress.", 0},
       {"Hosts", "string", "", "The host names the rules serve.", 0},
       {"Address", "string", "", "The load balancer's ingress points.", 0},
       {"Ports", "string", "", "The ports the ingress serves.", 0},
       age_column},
      ingress_row};
  printers["k8s.networking.v1.IngressClass"] = {
      {name_column,
       {"Controller", "string", "", "The controller that implements this class.", 0},
       {"Parameters", "string", "", "The object holding the controller's parameters.", 0},
       age_column},
      ingress_class_row};
  printers["k8s.networking.v1.NetworkPolicy"] = {
      {name_column,
       {"Pod-Selector", "string", "", "The pods this policy applies to.", 0},
       age_column},
      network_policy_row};
}

}  // namespace kactor::printers
