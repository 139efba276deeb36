#include "gateway/admission/pod_defaults.hpp"

#include <optional>

#include "gateway/admission/container_defaults.hpp"
#include "gateway/admission/volume_defaults.hpp"

namespace kactor::admission {
namespace {

using namespace k8s::core::v1;

void requests_from_limits(ResourceRequirements& resources) {
  for (const auto& [name, limit] : resources.limits()) {
    if (!resources.requests().contains(name)) (*resources.mutable_requests())[name] = limit;
  }
}

void host_network_ports(google::protobuf::RepeatedPtrField<Container>& containers) {
  for (auto& c : containers) {
    for (auto& port : *c.mutable_ports())
      if (port.hostport() == 0) port.set_hostport(port.containerport());
  }
}

// The priority of a class the PriorityClass admission plugin resolves without a lookup.
std::optional<std::int32_t> builtin_priority(const std::string& class_name) {
  if (class_name.empty()) return 0;
  if (class_name == "system-cluster-critical") return 2000000000;
  if (class_name == "system-node-critical") return 2000001000;
  return std::nullopt;
}

// The DefaultTolerationSeconds admission plugin: a pod that does not tolerate the NoExecute
// taint `key` gets a 300 second toleration for it.
void add_default_toleration(PodSpec& spec, const std::string& key) {
  for (const auto& t : spec.tolerations()) {
    if (t.key() == key && (t.effect().empty() || t.effect() == "NoExecute")) return;
    if (t.key().empty() && t.operator_() == "Exists" &&
        (t.effect().empty() || t.effect() == "NoExecute"))
      return;
  }
  auto& t = *spec.add_tolerations();
  t.set_key(key);
  t.set_operator_("Exists");
  t.set_effect("NoExecute");
  t.set_tolerationseconds(300);
}

}  // namespace

void default_pod_spec(PodSpec& spec) {
  if (spec.dnspolicy().empty()) spec.set_dnspolicy("ClusterFirst");
  if (spec.restartpolicy().empty()) spec.set_restartpolicy("Always");
  if (!spec.has_securitycontext()) spec.mutable_securitycontext();
  if (!spec.has_terminationgraceperiodseconds()) spec.set_terminationgraceperiodseconds(30);
  if (spec.schedulername().empty()) spec.set_schedulername("default-scheduler");
  if (spec.serviceaccountname().empty() && !spec.serviceaccount().empty())
    spec.set_serviceaccountname(spec.serviceaccount());
  if (!spec.serviceaccountname().empty()) spec.set_serviceaccount(spec.serviceaccountname());
  for (auto& c : *spec.mutable_initcontainers())
    default_container(c);
  for (auto& c : *spec.mutable_containers())
    default_container(c);
  for (auto& c : *spec.mutable_ephemeralcontainers())
    default_container(*c.mutable_ephemeralcontainercommon());
  for (auto& v : *spec.mutable_volumes())
    default_volume(v);
}

void default_pod_template(PodTemplateSpec& tmpl) {
  default_pod_spec(*tmpl.mutable_spec());
}

void default_pod(Pod& pod) {
  auto& spec = *pod.mutable_spec();
  if (spec.serviceaccountname().empty() && spec.serviceaccount().empty())
    spec.set_serviceaccountname("default");
  default_pod_spec(spec);
  for (auto& c : *spec.mutable_containers())
    requests_from_limits(*c.mutable_resources());
  for (auto& c : *spec.mutable_initcontainers())
    requests_from_limits(*c.mutable_resources());
  if (!spec.has_enableservicelinks()) spec.set_enableservicelinks(true);
  if (spec.hostnetwork()) {
    host_network_ports(*spec.mutable_containers());
    host_network_ports(*spec.mutable_initcontainers());
  }
  if (!spec.has_priority()) {
    if (auto priority = builtin_priority(spec.priorityclassname())) spec.set_priority(*priority);
  }
  if (!spec.has_preemptionpolicy() && builtin_priority(spec.priorityclassname()))
    spec.set_preemptionpolicy("PreemptLowerPriority");
  add_default_toleration(spec, "node.kubernetes.io/not-ready");
  add_default_toleration(spec, "node.kubernetes.io/unreachable");
}

}  // namespace kactor::admission
