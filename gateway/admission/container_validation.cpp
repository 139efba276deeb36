#include "gateway/admission/container_validation.hpp"

#include <cctype>

#include "gateway/admission/meta_validation.hpp"
#include "gateway/admission/name_rules.hpp"
#include "messages/int_or_string.hpp"
#include "messages/quantity.hpp"

namespace kactor::admission {
namespace {

using namespace k8s::core::v1;

void add_messages(field_errors& out, const std::string& path, std::string_view value,
                  const std::vector<std::string>& messages) {
  for (const auto& m : messages)
    out.push_back(invalid(path, value, m));
}

void add_messages(field_errors& out, const std::string& path, std::int64_t value,
                  const std::vector<std::string>& messages) {
  for (const auto& m : messages)
    out.push_back(invalid(path, value, m));
}

void validate_ports(const Container& c, const std::string& path, field_errors& out) {
  std::set<std::string> names;
  for (int i = 0; i < c.ports_size(); ++i) {
    const auto& port = c.ports(i);
    auto at = index(path, i);
    if (!port.name().empty()) {
      auto msgs = port_name_errors(port.name());
      if (!msgs.empty()) {
        add_messages(out, child(at, "name"), port.name(), msgs);
      } else if (!names.insert(port.name()).second) {
        out.push_back(duplicate(child(at, "name"), port.name()));
      }
    }
    if (port.containerport() == 0) {
      out.push_back(required(child(at, "containerPort")));
    } else {
      add_messages(out, child(at, "containerPort"), port.containerport(),
                   port_number_errors(port.containerport()));
    }
    if (port.hostport() != 0)
      add_messages(out, child(at, "hostPort"), port.hostport(),
                   port_number_errors(port.hostport()));
    if (port.protocol().empty()) {
      out.push_back(required(child(at, "protocol")));
    } else if (port.protocol() != "TCP" && port.protocol() != "UDP" && port.protocol() != "SCTP") {
      out.push_back(not_supported(child(at, "protocol"), port.protocol(), {"SCTP", "TCP", "UDP"}));
    }
  }
}

void validate_env(const Container& c, const std::string& path, field_errors& out) {
  for (int i = 0; i < c.env_size(); ++i) {
    const auto& env = c.env(i);
    auto at = index(path, i);
    if (env.name().empty()) {
      out.push_back(required(child(at, "name")));
    } else {
      add_messages(out, child(at, "name"), env.name(), env_var_name_errors(env.name()));
    }
    if (!env.has_valuefrom()) continue;
    const auto& from = env.valuefrom();
    int sources = from.has_fieldref() + from.has_resourcefieldref() + from.has_configmapkeyref() +
                  from.has_secretkeyref();
    if (sources > 1) {
      out.push_back(invalid(child(at, "valueFrom"), "",
                            "may not have more than one field specified at a time"));
    }
    if (!env.value().empty() && sources > 0) {
      out.push_back(
          invalid(child(at, "valueFrom"), "", "may not be specified when `value` is not empty"));
    }
  }
}

void validate_mounts(const Container& c, const std::set<std::string>& volumes,
                     const std::string& path, field_errors& out) {
  std::set<std::string> paths;
  for (int i = 0; i < c.volumemounts_size(); ++i) {
    const auto& m = c.volumemounts(i);
    auto at = index(path, i);
    if (m.name().empty()) {
      out.push_back(required(child(at, "name")));
    } else if (!volumes.contains(m.name())) {
      out.push_back(not_found(child(at, "name"), m.name()));
    }
    if (m.mountpath().empty()) {
      out.push_back(required(child(at, "mountPath")));
    } else if (!paths.insert(m.mountpath()).second) {
      out.push_back(invalid(child(at, "mountPath"), m.mountpath(), "must be unique"));
    }
  }
}

void validate_probe(const Probe& p, const std::string& path, bool success_must_be_one,
                    field_errors& out) {
  const auto& h = p.handler();
  int handlers = h.has_exec() + h.has_httpget() + h.has_tcpsocket() + h.has_grpc();
  if (handlers == 0) out.push_back(required(path, "must specify a handler type"));
  if (handlers > 1) out.push_back(forbidden(path, "may not specify more than 1 handler type"));
  if (h.has_httpget())
    append(out, validate_port_ref(h.httpget().port(), child(path, "httpGet.port")));
  if (h.has_tcpsocket())
    append(out, validate_port_ref(h.tcpsocket().port(), child(path, "tcpSocket.port")));
  append(out, validate_nonnegative(p.initialdelayseconds(), child(path, "initialDelaySeconds")));
  append(out, validate_nonnegative(p.timeoutseconds(), child(path, "timeoutSeconds")));
  append(out, validate_nonnegative(p.periodseconds(), child(path, "periodSeconds")));
  append(out, validate_nonnegative(p.successthreshold(), child(path, "successThreshold")));
  append(out, validate_nonnegative(p.failurethreshold(), child(path, "failureThreshold")));
  if (success_must_be_one && p.successthreshold() != 1)
    out.push_back(invalid(child(path, "successThreshold"), p.successthreshold(), "must be 1"));
}

void validate_resources(const ResourceRequirements& r, const std::string& path, field_errors& out) {
  auto requests_path = child(path, "requests");
  for (const auto& [name, request] : r.requests()) {
    auto limit = r.limits().find(name);
    if (limit == r.limits().end()) continue;
    auto req = messages::parse_quantity(request);
    auto lim = messages::parse_quantity(limit->second);
    if (req && lim && *req > *lim) {
      out.push_back(invalid(requests_path, messages::format_quantity(*req),
                            "must be less than or equal to " + name + " limit of " +
                                messages::format_quantity(*lim)));
    }
  }
}

bool has_blank_edge(const std::string& s) {
  return !s.empty() && (std::isspace(static_cast<unsigned char>(s.front())) ||
                        std::isspace(static_cast<unsigned char>(s.back())));
}

void validate_policies(const Container& c, const std::string& at, field_errors& out) {
  const auto& pull = c.imagepullpolicy();
  if (pull.empty()) {
    out.push_back(required(child(at, "imagePullPolicy")));
  } else if (pull != "Always" && pull != "IfNotPresent" && pull != "Never") {
    out.push_back(
        not_supported(child(at, "imagePullPolicy"), pull, {"Always", "IfNotPresent", "Never"}));
  }
  const auto& tmp = c.terminationmessagepolicy();
  constexpr std::string_view tmp_detail = "must be 'File' or 'FallbackToLogsOnError'";
  if (tmp.empty()) {
    out.push_back(required(child(at, "terminationMessagePolicy"), tmp_detail));
  } else if (tmp != "File" && tmp != "FallbackToLogsOnError") {
    out.push_back(invalid(child(at, "terminationMessagePolicy"), tmp, tmp_detail));
  }
}

}  // namespace

field_errors validate_port_ref(const k8s::util::IntOrString& port, const std::string& path) {
  field_errors out;
  if (messages::holds_string(port)) {
    add_messages(out, path, port.strval(), port_name_errors(port.strval()));
  } else {
    add_messages(out, path, port.intval(), port_number_errors(port.intval()));
  }
  return out;
}

field_errors validate_containers(const google::protobuf::RepeatedPtrField<Container>& containers,
                                 const std::set<std::string>& volumes, std::set<std::string>& names,
                                 const std::string& path) {
  field_errors out;
  for (int i = 0; i < containers.size(); ++i) {
    const auto& c = containers.Get(i);
    auto at = index(path, i);
    if (c.name().empty()) {
      out.push_back(required(child(at, "name")));
    } else {
      auto msgs = dns1123_label_errors(c.name());
      add_messages(out, child(at, "name"), c.name(), msgs);
      if (msgs.empty() && !names.insert(c.name()).second)
        out.push_back(duplicate(child(at, "name"), c.name()));
    }
    if (c.image().empty()) {
      out.push_back(required(child(at, "image")));
    } else if (has_blank_edge(c.image())) {
      out.push_back(
          invalid(child(at, "image"), c.image(), "must not have leading or trailing whitespace"));
    }
    validate_policies(c, at, out);
    validate_ports(c, child(at, "ports"), out);
    validate_env(c, child(at, "env"), out);
    validate_mounts(c, volumes, child(at, "volumeMounts"), out);
    if (c.has_livenessprobe())
      validate_probe(c.livenessprobe(), child(at, "livenessProbe"), true, out);
    if (c.has_readinessprobe())
      validate_probe(c.readinessprobe(), child(at, "readinessProbe"), false, out);
    if (c.has_startupprobe())
      validate_probe(c.startupprobe(), child(at, "startupProbe"), true, out);
    validate_resources(c.resources(), child(at, "resources"), out);
  }
  return out;
}

}  // namespace kactor::admission
