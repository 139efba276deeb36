#include "node/agent/container_env.hpp"

#include <cctype>
#include <map>
#include <optional>

#include "messages/quantity.hpp"

namespace kactor::node::agent {

namespace {

// Kubernetes' $(VAR) expansion: known variables are replaced, unknown references stay as
// written, $$ is a literal $.
std::string expand(const std::string& text, const std::map<std::string, std::string>& vars) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '(') {
      auto close = text.find(')', i + 2);
      if (close != std::string::npos) {
        auto name = text.substr(i + 2, close - i - 2);
        if (auto it = vars.find(name); it != vars.end()) {
          out += it->second;
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

// The value of a fieldRef path; nullopt for paths the kubelet does not know.
std::optional<std::string> field_value(const k8s::core::v1::Pod& pod, const std::string& path,
                                       const std::string& node_ip) {
  const auto& m = pod.metadata();
  if (path == "metadata.name") return m.name();
  if (path == "metadata.namespace") return m.namespace_();
  if (path == "metadata.uid") return m.uid();
  if (path == "spec.nodeName") return pod.spec().nodename();
  if (path == "spec.serviceAccountName") return pod.spec().serviceaccountname();
  if (path == "status.hostIP" || path == "status.hostIPs" || path == "status.podIP" ||
      path == "status.podIPs")
    return node_ip;
  for (auto [prefix, map] : {std::pair{"metadata.labels['", &m.labels()},
                             {"metadata.annotations['", &m.annotations()}}) {
    std::string p = prefix;
    if (path.rfind(p, 0) == 0 && path.size() > p.size() + 2 && path.ends_with("']")) {
      auto key = path.substr(p.size(), path.size() - p.size() - 2);
      auto it = map->find(key);
      return it == map->end() ? std::string() : it->second;
    }
  }
  return std::nullopt;
}

// Kubernetes' service variables of one Service (the kubelet's makeEnvironmentVariables).
void service_vars(const k8s::core::v1::Service& svc,
                  const std::function<void(const std::string&, std::string)>& set) {
  const auto& ip = svc.spec().clusterip();
  if (ip.empty() || ip == "None" || svc.spec().ports().empty()) return;
  auto env_name = [](const std::string& text) {
    std::string out;
    for (char ch : text)
      out += ch == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return out;
  };
  auto lower = [](std::string t) {
    for (auto& ch : t)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return t;
  };
  auto proto_of = [](const k8s::core::v1::ServicePort& p) {
    return p.protocol().empty() ? std::string("TCP") : p.protocol();
  };
  auto name = env_name(svc.metadata().name());
  const auto& first = svc.spec().ports(0);
  set(name + "_SERVICE_HOST", ip);
  set(name + "_SERVICE_PORT", std::to_string(first.port()));
  for (const auto& p : svc.spec().ports())
    if (!p.name().empty())
      set(name + "_SERVICE_PORT_" + env_name(p.name()), std::to_string(p.port()));
  set(name + "_PORT", lower(proto_of(first)) + "://" + ip + ":" + std::to_string(first.port()));
  for (const auto& p : svc.spec().ports()) {
    auto proto = proto_of(p);
    auto prefix = name + "_PORT_" + std::to_string(p.port()) + "_" + proto;
    set(prefix, lower(proto) + "://" + ip + ":" + std::to_string(p.port()));
    set(prefix + "_PROTO", lower(proto));
    set(prefix + "_PORT", std::to_string(p.port()));
    set(prefix + "_ADDR", ip);
  }
}

// resourceFieldRef: the container's limits.* or requests.* divided by the divisor (default 1),
// rounded up; an unset amount is 0.
std::optional<std::string> resource_value(const k8s::core::v1::Container& c,
                                          const k8s::core::v1::ResourceFieldSelector& ref) {
  auto dot = ref.resource().find('.');
  if (dot == std::string::npos) return std::nullopt;
  auto kind = ref.resource().substr(0, dot);
  auto res = ref.resource().substr(dot + 1);
  const auto& map = kind == "limits" ? c.resources().limits() : c.resources().requests();
  auto it = map.find(res);
  if (it == map.end()) return std::string("0");
  auto q = messages::parse_quantity(it->second);
  if (!q) return std::nullopt;
  std::int64_t divisor_milli = 1000;
  if (ref.has_divisor())
    if (auto d = messages::parse_quantity(ref.divisor()); d && d->milli > 0)
      divisor_milli = d->milli;
  return std::to_string((q->milli + divisor_milli - 1) / divisor_milli);
}

}  // namespace

messages::basic_result<std::vector<runtime::env_var>, env_error> resolve_env(
    const k8s::core::v1::Pod& pod, const k8s::core::v1::Container& container,
    const std::string& node_ip, const env_sources& sources) {
  std::vector<runtime::env_var> out = {
      {"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
      {"HOSTNAME", pod.metadata().name()}};
  std::map<std::string, std::string> vars;
  auto set = [&](const std::string& name, std::string value) {
    vars[name] = value;
    for (auto& v : out)
      if (v.name == name) {
        v.value = std::move(value);
        return;
      }
    out.push_back({name, std::move(value)});
  };
  const auto& ns = pod.metadata().namespace_();
  auto config_map = [&](const std::string& name) {
    return sources.config_map ? sources.config_map(ns, name) : nullptr;
  };
  auto secret = [&](const std::string& name) {
    return sources.secret ? sources.secret(ns, name) : nullptr;
  };
  auto missing = [](const std::string& message) {
    return env_error{"CreateContainerConfigError", message};
  };
  if (sources.services) {
    if (!pod.spec().has_enableservicelinks() || pod.spec().enableservicelinks())
      for (const auto& svc : sources.services(ns))
        service_vars(*svc, set);
    for (const auto& svc : sources.services("default"))
      if (svc->metadata().name() == "kubernetes") service_vars(*svc, set);
  }
  for (const auto& from : container.envfrom()) {
    if (from.has_configmapref()) {
      const auto& name = from.configmapref().localobjectreference().name();
      auto cm = config_map(name);
      if (!cm && !from.configmapref().optional())
        return missing("configmap \"" + name + "\" not found");
      if (cm)
        for (const auto& [k, v] : cm->data())
          set(from.prefix() + k, v);
    }
    if (from.has_secretref()) {
      const auto& name = from.secretref().localobjectreference().name();
      auto sec = secret(name);
      if (!sec && !from.secretref().optional()) return missing("secret \"" + name + "\" not found");
      if (sec)
        for (const auto& [k, v] : sec->data())
          set(from.prefix() + k, v);
    }
  }
  for (const auto& e : container.env()) {
    if (!e.has_valuefrom()) {
      set(e.name(), expand(e.value(), vars));
      continue;
    }
    const auto& from = e.valuefrom();
    if (from.has_fieldref()) {
      auto value = field_value(pod, from.fieldref().fieldpath(), node_ip);
      if (!value) return missing("unsupported fieldPath: " + from.fieldref().fieldpath());
      set(e.name(), *value);
    } else if (from.has_resourcefieldref()) {
      auto value = resource_value(container, from.resourcefieldref());
      if (!value) return missing("unsupported resource: " + from.resourcefieldref().resource());
      set(e.name(), *value);
    } else if (from.has_configmapkeyref()) {
      const auto& ref = from.configmapkeyref();
      const auto& name = ref.localobjectreference().name();
      auto cm = config_map(name);
      if (cm && cm->data().count(ref.key())) {
        set(e.name(), cm->data().at(ref.key()));
      } else if (!ref.optional()) {
        return missing(cm ? "couldn't find key " + ref.key() + " in ConfigMap " + ns + "/" + name
                          : "configmap \"" + name + "\" not found");
      }
    } else if (from.has_secretkeyref()) {
      const auto& ref = from.secretkeyref();
      const auto& name = ref.localobjectreference().name();
      auto sec = secret(name);
      if (sec && sec->data().count(ref.key())) {
        set(e.name(), sec->data().at(ref.key()));
      } else if (!ref.optional()) {
        return missing(sec ? "couldn't find key " + ref.key() + " in Secret " + ns + "/" + name
                           : "secret \"" + name + "\" not found");
      }
    }
  }
  return out;
}

}  // namespace kactor::node::agent
