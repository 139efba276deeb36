#include "gateway/admission/service_defaults.hpp"

#include "messages/int_or_string.hpp"

namespace kactor::admission {

void default_service(k8s::core::v1::Service& svc) {
  auto& spec = *svc.mutable_spec();
  if (spec.sessionaffinity().empty()) spec.set_sessionaffinity("None");
  if (spec.sessionaffinity() == "ClientIP" && !spec.sessionaffinityconfig().has_clientip())
    spec.mutable_sessionaffinityconfig()->mutable_clientip()->set_timeoutseconds(10800);
  if (spec.type().empty()) spec.set_type("ClusterIP");
  for (auto& port : *spec.mutable_ports()) {
    if (port.protocol().empty()) port.set_protocol("TCP");
    const auto& target = port.targetport();
    bool unset = !port.has_targetport() ||
                 (messages::holds_string(target) ? target.strval().empty() : target.intval() == 0);
    if (unset) *port.mutable_targetport() = messages::make_int_or_string(port.port());
  }
  const auto& type = spec.type();
  if ((type == "NodePort" || type == "LoadBalancer") && spec.externaltrafficpolicy().empty())
    spec.set_externaltrafficpolicy("Cluster");
  if (type == "LoadBalancer" && !spec.has_allocateloadbalancernodeports())
    spec.set_allocateloadbalancernodeports(true);
  if (type == "ExternalName") return;
  if (!spec.has_internaltrafficpolicy()) spec.set_internaltrafficpolicy("Cluster");
  if (!spec.clusterip().empty() && spec.clusterips().empty()) spec.add_clusterips(spec.clusterip());
  if (spec.clusterip().empty() && !spec.clusterips().empty())
    spec.set_clusterip(spec.clusterips(0));
  if (!spec.has_ipfamilypolicy()) {
    bool headless_without_selector = spec.clusterip() == "None" && spec.selector().empty();
    spec.set_ipfamilypolicy(headless_without_selector ? "RequireDualStack" : "SingleStack");
  }
  if (spec.ipfamilies().empty()) spec.add_ipfamilies("IPv4");
}

}  // namespace kactor::admission
