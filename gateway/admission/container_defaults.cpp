#include "gateway/admission/container_defaults.hpp"

namespace kactor::admission {
namespace {

using namespace k8s::core::v1;

void default_http_get(HTTPGetAction& action) {
  if (action.path().empty()) action.set_path("/");
  if (action.scheme().empty()) action.set_scheme("HTTP");
}

void default_lifecycle_handler(LifecycleHandler& handler) {
  if (handler.has_httpget()) default_http_get(*handler.mutable_httpget());
}

void default_env(EnvVar& env) {
  if (!env.has_valuefrom()) return;
  auto& from = *env.mutable_valuefrom();
  if (from.has_fieldref() && from.fieldref().apiversion().empty())
    from.mutable_fieldref()->set_apiversion("v1");
  // A Go Quantity is a value, not a pointer: an unset divisor is written as "0".
  if (from.has_resourcefieldref() && !from.resourcefieldref().has_divisor())
    from.mutable_resourcefieldref()->mutable_divisor()->set_string("0");
}

// Container and EphemeralContainerCommon share these field names.
template <class C>
void default_common(C& c) {
  if (c.imagepullpolicy().empty())
    c.set_imagepullpolicy(std::string(default_pull_policy(c.image())));
  if (c.terminationmessagepath().empty()) c.set_terminationmessagepath("/dev/termination-log");
  if (c.terminationmessagepolicy().empty()) c.set_terminationmessagepolicy("File");
  // Go writes the non-pointer `resources` struct always: `resources: {}`.
  c.mutable_resources();
  for (auto& port : *c.mutable_ports())
    if (port.protocol().empty()) port.set_protocol("TCP");
  for (auto& env : *c.mutable_env())
    default_env(env);
  if (c.has_livenessprobe()) default_probe(*c.mutable_livenessprobe());
  if (c.has_readinessprobe()) default_probe(*c.mutable_readinessprobe());
  if (c.has_startupprobe()) default_probe(*c.mutable_startupprobe());
  if (c.has_lifecycle()) {
    auto& lifecycle = *c.mutable_lifecycle();
    if (lifecycle.has_poststart()) default_lifecycle_handler(*lifecycle.mutable_poststart());
    if (lifecycle.has_prestop()) default_lifecycle_handler(*lifecycle.mutable_prestop());
  }
}

}  // namespace

std::string_view default_pull_policy(std::string_view image) {
  if (image.empty()) return "IfNotPresent";
  auto at = image.find('@');
  bool has_digest = at != std::string_view::npos;
  auto name = image.substr(0, at);
  // The tag follows the last ':' of the last path component ("host:5000/app" has none).
  auto slash = name.rfind('/');
  auto last = slash == std::string_view::npos ? name : name.substr(slash + 1);
  auto colon = last.rfind(':');
  std::string_view tag;
  if (colon != std::string_view::npos) {
    tag = last.substr(colon + 1);
  } else if (!has_digest) {
    tag = "latest";
  }
  return tag == "latest" ? "Always" : "IfNotPresent";
}

void default_probe(Probe& probe) {
  if (probe.timeoutseconds() == 0) probe.set_timeoutseconds(1);
  if (probe.periodseconds() == 0) probe.set_periodseconds(10);
  if (probe.successthreshold() == 0) probe.set_successthreshold(1);
  if (probe.failurethreshold() == 0) probe.set_failurethreshold(3);
  if (!probe.has_handler()) return;
  auto& handler = *probe.mutable_handler();
  if (handler.has_httpget()) default_http_get(*handler.mutable_httpget());
  if (handler.has_grpc() && !handler.grpc().has_service()) handler.mutable_grpc()->set_service("");
}

void default_container(Container& container) {
  default_common(container);
}

void default_container(EphemeralContainerCommon& container) {
  default_common(container);
}

}  // namespace kactor::admission
