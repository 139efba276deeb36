#include "gateway/admission/service_validation.hpp"

#include <charconv>
#include <set>

#include "gateway/admission/container_validation.hpp"
#include "gateway/admission/meta_validation.hpp"
#include "gateway/admission/name_rules.hpp"

namespace kactor::admission {
namespace {

using k8s::core::v1::ServiceSpec;

void validate_ports(const ServiceSpec& spec, field_errors& out) {
  std::set<std::string> names;
  bool several = spec.ports_size() > 1;
  for (int i = 0; i < spec.ports_size(); ++i) {
    const auto& p = spec.ports(i);
    auto at = index("spec.ports", i);
    if (several && p.name().empty()) {
      out.push_back(required(child(at, "name")));
    } else if (!p.name().empty()) {
      for (const auto& m : dns1123_label_errors(p.name()))
        out.push_back(invalid(child(at, "name"), p.name(), m));
      if (!names.insert(p.name()).second) out.push_back(duplicate(child(at, "name"), p.name()));
    }
    for (const auto& m : port_number_errors(p.port()))
      out.push_back(invalid(child(at, "port"), p.port(), m));
    if (p.protocol().empty()) {
      out.push_back(required(child(at, "protocol")));
    } else if (p.protocol() != "TCP" && p.protocol() != "UDP" && p.protocol() != "SCTP") {
      out.push_back(not_supported(child(at, "protocol"), p.protocol(), {"SCTP", "TCP", "UDP"}));
    }
    if (p.has_targetport()) append(out, validate_port_ref(p.targetport(), child(at, "targetPort")));
    if (spec.type() == "ClusterIP" && p.nodeport() != 0)
      out.push_back(forbidden(child(at, "nodePort"), "may not be used when `type` is 'ClusterIP'"));
  }
}

void validate_type(const ServiceSpec& spec, field_errors& out) {
  const auto& type = spec.type();
  if (type.empty()) {
    out.push_back(required("spec.type"));
  } else if (type != "ClusterIP" && type != "NodePort" && type != "LoadBalancer" &&
             type != "ExternalName") {
    out.push_back(not_supported("spec.type", type,
                                {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"}));
  }
  if (type == "ExternalName") {
    std::string name = spec.externalname();
    if (!name.empty() && name.back() == '.') name.pop_back();
    if (spec.externalname().empty()) {
      out.push_back(required("spec.externalName"));
    } else {
      for (const auto& m : dns1123_subdomain_errors(name))
        out.push_back(invalid("spec.externalName", spec.externalname(), m));
    }
    if (!spec.clusterip().empty())
      out.push_back(forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
  }
}

void validate_policies(const ServiceSpec& spec, field_errors& out) {
  const auto& affinity = spec.sessionaffinity();
  if (affinity.empty()) {
    out.push_back(required("spec.sessionAffinity"));
  } else if (affinity != "ClientIP" && affinity != "None") {
    out.push_back(not_supported("spec.sessionAffinity", affinity, {"ClientIP", "None"}));
  }
  const auto& etp = spec.externaltrafficpolicy();
  bool external = spec.type() == "NodePort" || spec.type() == "LoadBalancer";
  if (!external && !etp.empty()) {
    out.push_back(invalid("spec.externalTrafficPolicy", etp,
                          "may only be set when `type` is 'NodePort' or 'LoadBalancer'"));
  } else if (external && etp.empty()) {
    out.push_back(required("spec.externalTrafficPolicy"));
  } else if (external && etp != "Cluster" && etp != "Local") {
    out.push_back(not_supported("spec.externalTrafficPolicy", etp, {"Cluster", "Local"}));
  }
  if (spec.has_internaltrafficpolicy() && spec.internaltrafficpolicy() != "Cluster" &&
      spec.internaltrafficpolicy() != "Local")
    out.push_back(not_supported("spec.internalTrafficPolicy", spec.internaltrafficpolicy(),
                                {"Cluster", "Local"}));
}

}  // namespace

bool is_ipv4(std::string_view text) {
  int parts = 0;
  while (true) {
    auto dot = text.find('.');
    auto part = text.substr(0, dot);
    int value = -1;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || part.size() > 3 || ec != std::errc() || end != part.data() + part.size() ||
        value > 255 || (part.size() > 1 && part.front() == '0'))
      return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
  }
  return parts == 4;
}

field_errors validate_service(const k8s::core::v1::Service& svc) {
  field_errors out;
  const auto& spec = svc.spec();
  bool headless = spec.clusterip() == "None";
  if (spec.ports().empty() && !headless && spec.type() != "ExternalName")
    out.push_back(required("spec.ports"));
  validate_type(spec, out);
  validate_ports(spec, out);
  if (!spec.clusterip().empty() && !headless && !is_ipv4(spec.clusterip()))
    out.push_back(invalid("spec.clusterIPs[0]", spec.clusterip(),
                          "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
  if (headless && (spec.type() == "NodePort" || spec.type() == "LoadBalancer"))
    out.push_back(
        invalid("spec.clusterIPs[0]", spec.clusterip(),
                "may not be set to 'None' for LoadBalancer services or NodePort services"));
  validate_policies(spec, out);
  append(out, validate_labels(spec.selector(), "spec.selector"));
  return out;
}

}  // namespace kactor::admission
