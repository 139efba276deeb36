#include "node/agent/container_env.hpp"

#include <map>

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

}  // namespace

messages::basic_result<std::vector<runtime::env_var>, env_error> resolve_env(
    const k8s::core::v1::Pod& pod, const k8s::core::v1::Container& container,
    const std::string& node_ip) {
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
  for (const auto& e : container.env()) {
    if (!e.has_valuefrom()) {
      set(e.name(), expand(e.value(), vars));
      continue;
    }
    const auto& from = e.valuefrom();
    if (from.has_fieldref()) {
      auto value = field_value(pod, from.fieldref().fieldpath(), node_ip);
      if (!value)
        return env_error{"CreateContainerConfigError",
                         "unsupported fieldPath: " + from.fieldref().fieldpath()};
      set(e.name(), *value);
      continue;
    }
    bool optional = (from.has_configmapkeyref() && from.configmapkeyref().optional()) ||
                    (from.has_secretkeyref() && from.secretkeyref().optional());
    if (optional) continue;
    return env_error{"CreateContainerConfigError",
                     "env " + e.name() +
                         ": configMapKeyRef, secretKeyRef and resourceFieldRef "
                         "are not resolved by this kubelet yet"};
  }
  if (!container.envfrom().empty())
    return env_error{"CreateContainerConfigError", "envFrom is not resolved by this kubelet yet"};
  return out;
}

}  // namespace kactor::node::agent
