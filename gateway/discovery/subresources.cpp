#include "gateway/discovery/subresources.hpp"

#include <algorithm>

namespace kactor::discovery {

namespace {

const std::vector<std::string> read_write = {"get", "patch", "update"};
const std::vector<std::string> create_only = {"create"};
const std::vector<std::string> connect_verbs = {"create", "get"};
const std::vector<std::string> proxy_verbs = {"create", "delete", "get", "patch", "update"};

group_version_kind own_kind(const messages::resource_info& r) {
  return {r.group, r.version, r.kind};
}

group_version_kind core(std::string kind) {
  return {"", "v1", std::move(kind)};
}

}  // namespace

std::string group_version_kind::api_version() const {
  return group.empty() ? version : group + "/" + version;
}

std::optional<subresource_info> describe_subresource(const messages::resource_info& resource,
                                                     std::string_view name) {
  subresource_info info;
  info.name = std::string(name);
  if (name == "status" || name == "ephemeralcontainers" || name == "resize") {
    info.response_kind = own_kind(resource);
    info.verbs = read_write;
  } else if (name == "scale") {
    info.response_kind = {"autoscaling", "v1", "Scale"};
    info.verbs = read_write;
  } else if (name == "binding") {
    info.response_kind = core("Binding");
    info.verbs = create_only;
  } else if (name == "eviction") {
    info.response_kind = {"policy", "v1", "Eviction"};
    info.verbs = create_only;
  } else if (name == "log") {
    info.response_kind = core("Pod");
    info.verbs = {"get"};
  } else if (name == "token") {
    info.response_kind = {"authentication.k8s.io", "v1", "TokenRequest"};
    info.verbs = create_only;
  } else if (name == "exec" || name == "attach" || name == "portforward") {
    info.response_kind = core(name == "exec"     ? "PodExecOptions"
                              : name == "attach" ? "PodAttachOptions"
                                                 : "PodPortForwardOptions");
    info.verbs = connect_verbs;
    info.connect = true;
  } else if (name == "proxy") {
    info.response_kind = core(resource.kind + "ProxyOptions");
    info.verbs = proxy_verbs;
    info.connect = true;
  } else if (name == "finalize") {
    info.response_kind = own_kind(resource);
    info.verbs = {"update"};
  } else {
    return std::nullopt;
  }
  return info;
}

std::vector<subresource_info> subresources_of(const messages::resource_info& resource) {
  std::vector<subresource_info> out;
  for (const auto& name : resource.subresources)
    if (auto info = describe_subresource(resource, name)) out.push_back(std::move(*info));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

}  // namespace kactor::discovery
